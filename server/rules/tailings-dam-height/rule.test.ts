import { describeRuleFixtures } from '../../../tests/support/scenes.ts';

describeRuleFixtures('tailings-dam-height');
