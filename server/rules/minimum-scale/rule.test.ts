import { describeRuleFixtures } from '../../../tests/support/scenes.ts';

describeRuleFixtures('minimum-scale');
