import type { AppId, InvokeStream } from '@shopmesh/platform';

/**
 * Opens a long-lived GET to another service and hands back its body as it arrives (SSE). Destroying
 * the body ends the upstream request.
 */
export type OpenStream = (appId: AppId, path: string, headers: Record<string, string>) => Promise<InvokeStream>;
