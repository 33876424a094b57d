export { runChaos, type ChaosOptions, type ChaosReport } from './run-chaos';
export { formatReport } from './report';
export { SCENARIOS, EXPECTED, planOrders, type Scenario, type PlannedOrder } from './plan';
