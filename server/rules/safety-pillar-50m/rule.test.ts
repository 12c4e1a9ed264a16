import { describeRuleFixtures } from '../../../tests/support/scenes.ts';

describeRuleFixtures('safety-pillar-50m');
