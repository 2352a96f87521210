import { CommunicationProtocolEnum, DaprClient, DaprWorkflowClient, WorkflowRuntime } from '@dapr/dapr';
import type { Logger } from '../../logger';
import type { AppId, Runtime, Subscription } from '../port';
import { createDaprBindings, createDaprPubSub, createDaprSecrets } from './building-blocks';
import { createDaprDeadLetters, type DaprDeadLetterKeeper } from './dead-letters';
import { createDaprInvoker } from './invoke';
import { daprSdkLogger } from './sdk-logger';
import { createDaprStateStore } from './state';
import { createDaprWorkflows } from './workflows';

/** Where the sidecar is and which components to use. */
export interface DaprRuntimeOptions {
  appId: AppId;
  /** Defaults to 127.0.0.1 (the sidecar shares the pod's or host's loopback). */
  daprHost?: string;
  daprHttpPort: number;
  daprGrpcPort: number;
  pubsubName: string;
  stateStoreName: string;
  secretStoreName: string;
  logger: Logger;
  /** Service invocation timeout; Dapr's resiliency policy may cut it shorter. */
  invokeTimeoutMs?: number;
}

/** The Dapr runtime: the port plus the subscriptions the app must serve to its sidecar. */
export interface DaprRuntime extends Runtime {
  /** What `subscribe` was given; mount {@link daprSubscriptionRouter} with it on the app. */
  readonly subscriptions: readonly Subscription<any>[];
  /** Fed by the subscription routes; pass it to {@link daprSubscriptionRouter}. */
  readonly deadLetters: DaprDeadLetterKeeper;
}

/**
 * The `dapr` adapter: state, pub/sub, secrets and bindings through the SDK's gRPC DaprClient; service
 * invocation through daprd's HTTP proxy (`dapr-app-id` header, see {@link createDaprInvoker}); workflows on Dapr's WorkflowRuntime and DaprWorkflowClient. Delivery of subscribed events
 * is Dapr's: `subscribe` only records them for the app's `GET /dapr/subscribe`.
 */
export function createDaprRuntime(options: DaprRuntimeOptions): DaprRuntime {
  const host = options.daprHost ?? '127.0.0.1';
  const logger = options.logger.child({ runtime: 'dapr' });
  const sdkLogger = daprSdkLogger(logger);
  const client = new DaprClient({
    daprHost: host,
    daprPort: String(options.daprGrpcPort),
    communicationProtocol: CommunicationProtocolEnum.GRPC,
    logger: sdkLogger,
  });
  const grpc = { daprHost: host, daprPort: String(options.daprGrpcPort), logger: sdkLogger };
  const workflows = createDaprWorkflows({
    worker: () => new WorkflowRuntime(grpc),
    client: () => new DaprWorkflowClient(grpc),
    // DaprClient.start polls the sidecar's metadata API until it answers (about a minute at most).
    sidecarReady: () => client.start(),
    logger,
  });
  const subscriptions: Subscription<any>[] = [];
  const daprHttp = `http://${host}:${options.daprHttpPort}`;
  const state = createDaprStateStore(client.state, options.stateStoreName);

  return {
    appId: options.appId,
    state,
    pubsub: createDaprPubSub(client.pubsub, options.pubsubName, options.appId),
    invoke: createDaprInvoker(daprHttp, options.invokeTimeoutMs !== undefined ? { timeoutMs: options.invokeTimeoutMs } : {}),
    workflows,
    secrets: createDaprSecrets(client.secret, options.secretStoreName),
    bindings: createDaprBindings(client.binding),
    subscriptions,
    deadLetters: createDaprDeadLetters(state, () => subscriptions, logger),
    async subscribe(list) {
      subscriptions.push(...list);
    },
    async close() {
      await workflows.close();
      await client.stop();
    },
  };
}
