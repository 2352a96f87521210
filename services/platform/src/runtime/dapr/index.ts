export { createDaprRuntime, type DaprRuntime, type DaprRuntimeOptions } from './runtime';
export { daprSubscriptionRouter, eventRoute, type DaprSubscriptionEntry } from './subscriptions';
