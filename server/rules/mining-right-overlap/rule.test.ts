import { describeRuleFixtures } from '../../../tests/support/scenes.ts';

describeRuleFixtures('mining-right-overlap');
