import { describeRuleFixtures } from '../../../tests/support/scenes.ts';

describeRuleFixtures('ore-body-single-right');
