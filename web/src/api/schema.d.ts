/* Generated from the server's OpenAPI document by `npm run api-types` (scripts/api-types.ts). Do not edit. */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: answers without credentials and says nothing else. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets the session cookie. */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first admin still has to be created. */
        get: operations["getSetupState"];
        put?: never;
        /** Create the first admin with the one-time setup link `serve` printed; signs them in. */
        post: operations["completeSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session. */
        post: operations["logout"];
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
        /** Who is calling, with which role. */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/csrf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A CSRF token for changes made with the session cookie (x-csrf-token). */
        get: operations["getCsrfToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server users and their roles. */
        get: operations["listServerUsers"];
        put?: never;
        /** Create a server user with a role (reviewers: with the apps they review). */
        post: operations["createServerUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a server user with their sessions and tokens. */
        delete: operations["deleteServerUser"];
        options?: never;
        head?: never;
        /** Change a server user’s role, apps to review, password, or disable them (their sessions end). */
        patch: operations["updateServerUser"];
        trace?: never;
    };
    "/api/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (never their secrets). */
        get: operations["listApiTokens"];
        put?: never;
        /** Create an API token acting with its owner’s role; the secret is in this answer only. */
        post: operations["createApiToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token at once. */
        delete: operations["revokeApiToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who did what through the server or the CLI, newest first. */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Synced orgs with their current snapshot’s completeness and last sync. */
        get: operations["listOrgs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync history, newest first: per-dataset completeness, counts, requests, 429s, errors. */
        get: operations["listSyncs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/syncs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync. */
        get: operations["getSync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored connections with their state (never their credentials). */
        get: operations["listConnections"];
        put?: never;
        /** Connect: Test connection, then store the connection with its credential sealed. Refused (422) when users cannot be read, unless skipTest. */
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connection. */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /** Remove a connection and its credential; its snapshots, results and evidence stay. */
        delete: operations["removeConnection"];
        options?: never;
        head?: never;
        /** Change a connection’s name, base URL, proxy, settings or credential (a new credential is tested first). */
        patch: operations["updateConnection"];
        trace?: never;
    };
    "/api/connections/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test connection before saving: per dataset readable / not permitted (which scope or role) / failing. Nothing is stored. */
        post: operations["testDraftConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test connection with the stored credential. */
        post: operations["testConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync Now: the connection syncs as soon as a worker is free. Watch it with GET /api/orgs/{org}/sync-events. */
        post: operations["syncNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored GitHub connections with their state (never their credentials). */
        get: operations["listGithubConnections"];
        put?: never;
        /** Connect a GitHub organization: Test connection, then store it with its credential sealed, mapped to the Okta app its members sign in through. Refused (422) when the members cannot be read, unless skipTest. */
        post: operations["createGithubConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github-connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One GitHub connection. */
        get: operations["getGithubConnection"];
        put?: never;
        post?: never;
        /** Remove a GitHub connection and its credential; its service, reads and evaluations stay. */
        delete: operations["removeGithubConnection"];
        options?: never;
        head?: never;
        /** Change a GitHub connection’s name, enterprise, settings, Okta app or credential (a new credential is tested first and must answer for the same organization). */
        patch: operations["updateGithubConnection"];
        trace?: never;
    };
    "/api/github-connections/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test connection before saving: per dataset readable / not permitted (which permission) / failed, and whether SAML lets passthrough apply. Nothing is stored. */
        post: operations["testDraftGithubConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github-connections/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test connection with the stored credential. */
        post: operations["testGithubConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github-connections/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync Now: the GitHub connection syncs as soon as a worker of the scheduler is free; its service is evaluated after. */
        post: operations["syncGithubNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github-connections/{id}/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored reads of the connection’s organization, newest first (a failed read stores nothing: the connection’s health says why). */
        get: operations["listGithubSyncs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/sync-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: the newest sync of the org (event `sync`) and the running sync’s progress per dataset. */
        get: operations["watchSyncEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users of the current snapshot, filtered, in id order. */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user with their groups, apps and test verdicts. */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/users/{id}/factors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s enrolled factors. */
        get: operations["listUserFactors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Groups of the current snapshot. */
        get: operations["listGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A group with its member count. */
        get: operations["getGroup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A group’s members. */
        get: operations["listGroupMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Apps of the current snapshot. */
        get: operations["listApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An app with its authentication policy, assigned groups and last access review. */
        get: operations["getApp"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/apps/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who has the app: directly (USER) or through which groups (GROUP). */
        get: operations["listAppAssignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policies of the current snapshot. */
        get: operations["listPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A policy with its rules. */
        get: operations["getPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/system-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored System Log events, newest first. */
        get: operations["listSystemLogEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/tests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest result of each security test. */
        get: operations["getLatestTests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/tests/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entities newly failing and newly fixed since the previous sync. */
        get: operations["getTestChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/tests/{checkId}/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A test’s result per entity in the latest run, with the reason and the fields it read. */
        get: operations["listCheckEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/tests/{checkId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A test’s status and counts run by run, newest first (its trend over syncs). */
        get: operations["getCheckHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The compliance frameworks the evidence maps to. */
        get: operations["listFrameworks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/frameworks/{framework}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each control of a framework with its tests, evidence artifacts and current status. */
        get: operations["getFrameworkStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed evidence exports kept for the org and for the downstream services mapped to it (each in its own chain), newest first. */
        get: operations["listEvidenceExports"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/evidence/{exportId}/zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One export as a ZIP (manifest first, then the files it lists), streamed. */
        get: operations["downloadEvidenceExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/evidence/{exportId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verifies one export: every file hash, the signature, trusted by the installation key. */
        get: operations["verifyEvidenceExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access reviews, newest first (a reviewer sees the apps they review). */
        get: operations["listReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/apps/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attest now: record that the app’s current assignment list was reviewed. */
        post: operations["attestReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outbound webhooks (never their secrets). */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a receiver to events; the signing secret is in this answer only. */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook (never its secret). */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook with its delivery log. */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change a webhook’s name, URL, events, format, or turn it off. */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/admin/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a signed webhook.test event now (one attempt, enabled or not) and answer how it went. */
        post: operations["sendWebhookTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook’s deliveries, newest first (the 500 newest are kept). */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services/{service}/passthrough": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest evaluation of a service's MFA test: per account its verdict and the chain of reasons, in login order. 404 before its first evaluation. */
        get: operations["getServicePassthrough"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services/{service}/attestations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a fact about a downstream service that its API cannot show (SSO enforced, the NameID format), attested by a named admin. */
        post: operations["attestServiceFact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the accounts of a service without a connector (CSV or JSON text), map it to an Okta app and run its downstream MFA test. */
        post: operations["importService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/frameworks/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The frameworks chosen as active for this installation. */
        get: operations["getActiveFrameworks"];
        /** Choose the active frameworks (audited as frameworks.choose). */
        put: operations["setActiveFrameworks"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/orgs/{org}/password-compliance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each judged password policy against every password profile: each requirement, actual against required. */
        get: operations["getPasswordCompliance"];
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
    schemas: {
        ProblemInput: {
            /** @description A URI naming the problem type (about:blank for plain HTTP statuses). */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable machine-readable code, e.g. VALIDATION_FAILED, UNAUTHENTICATED. */
            code: string;
            errors?: {
                /** @description Where the value is: body.x.y, query.limit, params.id. */
                field: string;
                message: string;
            }[];
        };
        ServerUserInput: {
            id: string;
            email: string;
            displayName: string | null;
            /** @enum {string} */
            role: "admin" | "auditor" | "reviewer";
            createdAt: string;
            disabled: boolean;
            lockedUntil: string | null;
            reviewAppIds: string[];
        };
        ApiTokenInput: {
            id: string;
            name: string;
            ownerId: string;
            /** @enum {string} */
            access: "read" | "read-write";
            createdAt: string;
            expiresAt: string;
            lastUsedAt: string | null;
            revoked: boolean;
        };
        AuditEntryInput: {
            id: string;
            at: string;
            /** @description cli:<os user>, api:<email>, api:<email> (token <name>), scheduler… */
            actor: string;
            action: string;
            connectionId: string | null;
            connectionName: string | null;
            /** @description What changed; never a secret value. */
            details: {
                [key: string]: unknown;
            };
        };
        DatasetStatusInput: {
            /** @enum {string} */
            dataset: "users" | "factors" | "groups" | "groupMemberships" | "apps" | "appAssignments" | "policies" | "adminRoles" | "logEvents";
            /** @enum {string} */
            state: "complete" | "partial" | "not_permitted" | "failed" | "not_started";
            count: number;
            reason?: string;
            /** @description For not_permitted: the Okta admin role or OAuth scope that would allow reading it. */
            permissionNeeded?: string;
        };
        SyncInput: {
            id: string;
            org: string;
            /** @enum {string} */
            trigger: "manual" | "schedule" | "cli" | "demo";
            startedAt: string;
            endedAt: string | null;
            /** @enum {string} */
            status: "running" | "succeeded" | "partial" | "failed" | "timed_out";
            /** @description True only when every dataset is complete (or honestly not permitted). */
            complete: boolean;
            datasets: components["schemas"]["DatasetStatusInput"][];
            requestsByBucket: {
                [key: string]: number;
            };
            requestsTotal: number;
            /** @description Responses with HTTP 429. */
            throttled: number;
            errors: {
                code: string;
                message: string;
            }[];
            logWindow: {
                since: string;
                until: string;
            } | null;
            snapshotId: string | null;
            /** @description Which org the sync read, from its start; null for syncs recorded before it was kept. */
            orgIdentity: {
                orgId: string | null;
                pipeline: ("idx" | "v1") | null;
                /** @description True when the sync read the built-in simulator, never a real org. */
                simulated: boolean;
            } | null;
        };
        OrgInput: {
            org: string;
            snapshotId: string;
            snapshotCreatedAt: string;
            datasets: components["schemas"]["DatasetStatusInput"][];
            lastSync: components["schemas"]["SyncInput"] | null;
        };
        UserInput: {
            id: string;
            login: string;
            email: string | null;
            firstName: string | null;
            lastName: string | null;
            displayName: string | null;
            department: string | null;
            title: string | null;
            status: string;
            created: string | null;
            activated: string | null;
            statusChanged: string | null;
            lastLogin: string | null;
            lastUpdated: string | null;
            passwordChanged: string | null;
        };
        FactorInput: {
            id: string;
            factorType: string;
            provider: string | null;
            vendorName: string | null;
            status: string;
            created: string | null;
            lastUpdated: string | null;
            /** @description Masked by the collector, never a secret or a full number. */
            profileSummary: string | null;
        };
        GroupInput: {
            id: string;
            name: string;
            description: string | null;
            type: string;
            created: string | null;
            lastUpdated: string | null;
            lastMembershipUpdated: string | null;
            sourceAppId: string | null;
        };
        AppInput: {
            id: string;
            name: string;
            label: string;
            status: string;
            signOnMode: string | null;
            created: string | null;
            lastUpdated: string | null;
            accessPolicyId: string | null;
        };
        AppAssignmentInput: {
            appId: string;
            userId: string;
            /**
             * @description USER: assigned directly; GROUP: only through the groups in viaGroupIds.
             * @enum {string}
             */
            scope: "USER" | "GROUP";
            status: string | null;
            created: string | null;
            lastUpdated: string | null;
            viaGroupIds: string[];
        };
        PolicyInput: {
            id: string;
            type: string;
            name: string;
            status: string;
            priority: number | null;
            system: boolean;
            conditions: unknown;
            settings: unknown;
            created: string | null;
            lastUpdated: string | null;
        };
        PolicyRuleInput: {
            id: string;
            type: string;
            name: string;
            status: string;
            priority: number | null;
            system: boolean;
            conditions: unknown;
            actions: unknown;
        };
        LogEventInput: {
            uuid: string;
            published: string;
            eventType: string;
            outcomeResult: string | null;
            actorId: string | null;
            actorAlternateId: string | null;
            targetIds: string[];
            /** @description The event as Okta sent it. */
            raw: unknown;
        };
        CheckEntityResultInput: {
            entityType: string;
            entityId: string;
            entityName: string;
            /** @enum {string} */
            status: "pass" | "fail" | "not_applicable" | "error";
            reason: string;
            /** @description The snapshot fields the check read for this entity. */
            fields: {
                [key: string]: unknown;
            };
        };
        ConnectionInput: {
            id: string;
            name: string;
            domain: string;
            baseUrl: string | null;
            proxyUrl: string | null;
            credential: {
                /** @constant */
                kind: "ssws";
            } | {
                /** @constant */
                kind: "oauth";
                clientId: string;
                keyId: string | null;
                dpop: string;
            };
            settings: {
                autoSync: boolean;
                syncIntervalS: number;
                logWindowDays: number;
                budgetS: number;
                eventTypes: string[] | null;
                evidenceRetention: number;
            };
            org: {
                orgId: string | null;
                /** @description idx: Identity Engine; v1: Classic. */
                pipeline: string | null;
                verifiedAt: string | null;
            };
            health: {
                state: string;
                reason: string | null;
                consecutiveFailures: number;
                pausedReason: string | null;
            };
            schedule: {
                nextRunAt: string | null;
                lastSyncId: string | null;
                lastSyncAt: string | null;
            };
            createdAt: string;
            updatedAt: string;
        };
        TestConnectionReportInput: {
            domain: string;
            org: {
                orgId: string;
                pipeline: string | null;
                organizationUrl: string | null;
                customDomainUrl: string | null;
            } | null;
            fatal: {
                code: string;
                message: string;
            } | null;
            datasets: {
                id: string;
                dataset: string;
                label: string;
                request: string;
                /** @enum {string} */
                state: "readable" | "not_permitted" | "failing" | "skipped";
                reason?: string;
                permissionNeeded?: string;
                code?: string;
            }[];
            canReadUsers: boolean;
            durationMs: number;
        };
        DownstreamServiceInput: {
            id: string;
            kind: string;
            name: string;
            oktaOrg: string;
            oktaAppId: string | null;
        };
        GithubConnectionInput: {
            id: string;
            name: string;
            apiUrl: string;
            org: string;
            enterprise: string | null;
            serviceId: string;
            /** @description The downstream service its reads are stored under; null if it was removed. */
            service: components["schemas"]["DownstreamServiceInput"] | null;
            credential: {
                /** @constant */
                kind: "app";
                appId: string;
                installationId: string | null;
            } | {
                /** @constant */
                kind: "token";
            };
            settings: {
                autoSync: boolean;
                syncIntervalS: number;
                budgetS: number;
            };
            orgId: string | null;
            health: {
                state: string;
                reason: string | null;
                consecutiveFailures: number;
                pausedReason: string | null;
            };
            schedule: {
                nextRunAt: string | null;
                lastSyncId: string | null;
                lastSyncAt: string | null;
            };
            createdAt: string;
            updatedAt: string;
        };
        GithubTestReportInput: {
            apiUrl: string;
            org: {
                login: string;
                id: string;
            } | null;
            /** @enum {string} */
            credential: "app" | "token";
            installationId: string | null;
            datasets: {
                /** @enum {string} */
                dataset: "organization" | "members" | "ownMfa" | "outsideCollaborators" | "samlIdentities" | "enterpriseSaml" | "credentialAuthorizations";
                label: string;
                /**
                 * @description complete: readable; not_permitted: the credential lacks permissionNeeded; failed: reason.
                 * @enum {string}
                 */
                state: "complete" | "partial" | "not_permitted" | "failed" | "skipped";
                count: number;
                reason?: string;
                permissionNeeded?: string;
            }[];
            saml: {
                configured: boolean | null;
                enforcement: string;
            };
            fatal: {
                code: string;
                message: string;
            } | null;
            canReadMembers: boolean;
        };
        GithubSyncInput: {
            id: string;
            readAt: string;
            current: boolean;
            accountCount: number;
            credentialCount: number;
            complete: boolean;
        };
        AccessReviewInput: {
            id: string;
            org: string;
            appId: string;
            appLabel: string;
            reviewerEmail: string;
            attestedAt: string;
            note: string | null;
            snapshotId: string;
            assignments: {
                userId: string;
                login: string | null;
                userStatus: string | null;
                scope: string;
                assignmentStatus: string | null;
            }[];
        };
        ServiceAttestationInput: {
            id: string;
            serviceId: string;
            fact: string;
            value: boolean | string;
            attestedBy: string;
            attestedAt: string;
            statement: string;
            recordedAt: string;
        };
        PassthroughChainLinkInput: {
            /** @enum {string} */
            link: "okta-app" | "sso-enforced" | "saml-identity" | "okta-user" | "app-assignment" | "sign-in-policy" | "mfa-factor";
            /** @enum {string} */
            state: "proven" | "broken" | "unknown";
            detail: string;
            /** @description Where the link comes from: ids, names, policy and rule, factor, attestation. */
            source: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            failure?: "app-not-mapped" | "sso-not-enforced" | "sso-unverified" | "no-saml-identity" | "no-okta-user" | "ambiguous-okta-user" | "okta-user-cannot-sign-in" | "not-assigned" | "one-factor-rule" | "sign-in-denied" | "no-factor" | "outside-collaborator-without-mfa" | "own-mfa-does-not-count";
        };
        PassthroughAccountResultInput: {
            accountId: string;
            login: string;
            /** @description member, outside_collaborator (SAML SSO does not apply: reported apart) or account (imported). */
            kind: string;
            ownMfa: string;
            /** @enum {string} */
            status: "pass" | "fail" | "not_applicable" | "error";
            basis: ("own-mfa" | "own-mfa-weak" | "passthrough") | null;
            failures: ("app-not-mapped" | "sso-not-enforced" | "sso-unverified" | "no-saml-identity" | "no-okta-user" | "ambiguous-okta-user" | "okta-user-cannot-sign-in" | "not-assigned" | "one-factor-rule" | "sign-in-denied" | "no-factor" | "outside-collaborator-without-mfa" | "own-mfa-does-not-count")[];
            reason: string;
            chain: components["schemas"]["PassthroughChainLinkInput"][];
            oktaUser: {
                id: string;
                login: string;
            } | null;
            signIns: {
                eventId: string;
                at: string;
                outcome: string | null;
                mfa: {
                    eventId: string;
                    eventType: string;
                    at: string;
                    correlation: string;
                } | null;
            }[];
            bypassCredentials: {
                login: string;
                credentialId: string;
                credentialType: string;
                authorizedAt: string;
                lastAccessedAt: string | null;
                expiresAt: string | null;
            }[];
            warnings: string[];
        };
        WebhookInput: {
            id: string;
            name: string;
            url: string;
            events: string[];
            /** @enum {string} */
            format: "json" | "slack";
            enabled: boolean;
            createdBy: string;
            createdAt: string;
            updatedAt: string;
        };
        WebhookDeliveryInput: {
            id: string;
            /** @description The event, or webhook.test for a test delivery. */
            eventType: string;
            org: string | null;
            startedAt: string;
            endedAt: string;
            attempts: number;
            delivered: boolean;
            /** @description The last HTTP status, or the network error’s name. */
            lastStatus: string;
            lastError: string | null;
        };
        Problem: {
            /** @description A URI naming the problem type (about:blank for plain HTTP statuses). */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable machine-readable code, e.g. VALIDATION_FAILED, UNAUTHENTICATED. */
            code: string;
            errors?: {
                /** @description Where the value is: body.x.y, query.limit, params.id. */
                field: string;
                message: string;
            }[];
        };
        ServerUser: {
            id: string;
            email: string;
            displayName: string | null;
            /** @enum {string} */
            role: "admin" | "auditor" | "reviewer";
            /** Format: date-time */
            createdAt: string;
            disabled: boolean;
            lockedUntil: string | null;
            reviewAppIds: string[];
        };
        ApiToken: {
            id: string;
            name: string;
            ownerId: string;
            /** @enum {string} */
            access: "read" | "read-write";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            lastUsedAt: string | null;
            revoked: boolean;
        };
        AuditEntry: {
            id: string;
            /** Format: date-time */
            at: string;
            /** @description cli:<os user>, api:<email>, api:<email> (token <name>), scheduler… */
            actor: string;
            action: string;
            connectionId: string | null;
            connectionName: string | null;
            /** @description What changed; never a secret value. */
            details: {
                [key: string]: unknown;
            };
        };
        DatasetStatus: {
            /** @enum {string} */
            dataset: "users" | "factors" | "groups" | "groupMemberships" | "apps" | "appAssignments" | "policies" | "adminRoles" | "logEvents";
            /** @enum {string} */
            state: "complete" | "partial" | "not_permitted" | "failed" | "not_started";
            count: number;
            reason?: string;
            /** @description For not_permitted: the Okta admin role or OAuth scope that would allow reading it. */
            permissionNeeded?: string;
        };
        Sync: {
            id: string;
            org: string;
            /** @enum {string} */
            trigger: "manual" | "schedule" | "cli" | "demo";
            /** Format: date-time */
            startedAt: string;
            endedAt: string | null;
            /** @enum {string} */
            status: "running" | "succeeded" | "partial" | "failed" | "timed_out";
            /** @description True only when every dataset is complete (or honestly not permitted). */
            complete: boolean;
            datasets: components["schemas"]["DatasetStatus"][];
            requestsByBucket: {
                [key: string]: number;
            };
            requestsTotal: number;
            /** @description Responses with HTTP 429. */
            throttled: number;
            errors: {
                code: string;
                message: string;
            }[];
            logWindow: {
                /** Format: date-time */
                since: string;
                /** Format: date-time */
                until: string;
            } | null;
            snapshotId: string | null;
            /** @description Which org the sync read, from its start; null for syncs recorded before it was kept. */
            orgIdentity: {
                orgId: string | null;
                pipeline: ("idx" | "v1") | null;
                /** @description True when the sync read the built-in simulator, never a real org. */
                simulated: boolean;
            } | null;
        };
        Org: {
            org: string;
            snapshotId: string;
            /** Format: date-time */
            snapshotCreatedAt: string;
            datasets: components["schemas"]["DatasetStatus"][];
            lastSync: components["schemas"]["Sync"] | null;
        };
        User: {
            id: string;
            login: string;
            email: string | null;
            firstName: string | null;
            lastName: string | null;
            displayName: string | null;
            department: string | null;
            title: string | null;
            status: string;
            created: string | null;
            activated: string | null;
            statusChanged: string | null;
            lastLogin: string | null;
            lastUpdated: string | null;
            passwordChanged: string | null;
        };
        Factor: {
            id: string;
            factorType: string;
            provider: string | null;
            vendorName: string | null;
            status: string;
            created: string | null;
            lastUpdated: string | null;
            /** @description Masked by the collector, never a secret or a full number. */
            profileSummary: string | null;
        };
        Group: {
            id: string;
            name: string;
            description: string | null;
            type: string;
            created: string | null;
            lastUpdated: string | null;
            lastMembershipUpdated: string | null;
            sourceAppId: string | null;
        };
        App: {
            id: string;
            name: string;
            label: string;
            status: string;
            signOnMode: string | null;
            created: string | null;
            lastUpdated: string | null;
            accessPolicyId: string | null;
        };
        AppAssignment: {
            appId: string;
            userId: string;
            /**
             * @description USER: assigned directly; GROUP: only through the groups in viaGroupIds.
             * @enum {string}
             */
            scope: "USER" | "GROUP";
            status: string | null;
            created: string | null;
            lastUpdated: string | null;
            viaGroupIds: string[];
        };
        Policy: {
            id: string;
            type: string;
            name: string;
            status: string;
            priority: number | null;
            system: boolean;
            conditions: unknown;
            settings: unknown;
            created: string | null;
            lastUpdated: string | null;
        };
        PolicyRule: {
            id: string;
            type: string;
            name: string;
            status: string;
            priority: number | null;
            system: boolean;
            conditions: unknown;
            actions: unknown;
        };
        LogEvent: {
            uuid: string;
            /** Format: date-time */
            published: string;
            eventType: string;
            outcomeResult: string | null;
            actorId: string | null;
            actorAlternateId: string | null;
            targetIds: string[];
            /** @description The event as Okta sent it. */
            raw: unknown;
        };
        CheckEntityResult: {
            entityType: string;
            entityId: string;
            entityName: string;
            /** @enum {string} */
            status: "pass" | "fail" | "not_applicable" | "error";
            reason: string;
            /** @description The snapshot fields the check read for this entity. */
            fields: {
                [key: string]: unknown;
            };
        };
        Connection: {
            id: string;
            name: string;
            domain: string;
            baseUrl: string | null;
            proxyUrl: string | null;
            credential: {
                /** @constant */
                kind: "ssws";
            } | {
                /** @constant */
                kind: "oauth";
                clientId: string;
                keyId: string | null;
                dpop: string;
            };
            settings: {
                autoSync: boolean;
                syncIntervalS: number;
                logWindowDays: number;
                budgetS: number;
                eventTypes: string[] | null;
                evidenceRetention: number;
            };
            org: {
                orgId: string | null;
                /** @description idx: Identity Engine; v1: Classic. */
                pipeline: string | null;
                verifiedAt: string | null;
            };
            health: {
                state: string;
                reason: string | null;
                consecutiveFailures: number;
                pausedReason: string | null;
            };
            schedule: {
                nextRunAt: string | null;
                lastSyncId: string | null;
                lastSyncAt: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        TestConnectionReport: {
            domain: string;
            org: {
                orgId: string;
                pipeline: string | null;
                organizationUrl: string | null;
                customDomainUrl: string | null;
            } | null;
            fatal: {
                code: string;
                message: string;
            } | null;
            datasets: {
                id: string;
                dataset: string;
                label: string;
                request: string;
                /** @enum {string} */
                state: "readable" | "not_permitted" | "failing" | "skipped";
                reason?: string;
                permissionNeeded?: string;
                code?: string;
            }[];
            canReadUsers: boolean;
            durationMs: number;
        };
        DownstreamService: {
            id: string;
            kind: string;
            name: string;
            oktaOrg: string;
            oktaAppId: string | null;
        };
        GithubConnection: {
            id: string;
            name: string;
            apiUrl: string;
            org: string;
            enterprise: string | null;
            serviceId: string;
            /** @description The downstream service its reads are stored under; null if it was removed. */
            service: components["schemas"]["DownstreamService"] | null;
            credential: {
                /** @constant */
                kind: "app";
                appId: string;
                installationId: string | null;
            } | {
                /** @constant */
                kind: "token";
            };
            settings: {
                autoSync: boolean;
                syncIntervalS: number;
                budgetS: number;
            };
            orgId: string | null;
            health: {
                state: string;
                reason: string | null;
                consecutiveFailures: number;
                pausedReason: string | null;
            };
            schedule: {
                nextRunAt: string | null;
                lastSyncId: string | null;
                lastSyncAt: string | null;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        GithubTestReport: {
            apiUrl: string;
            org: {
                login: string;
                id: string;
            } | null;
            /** @enum {string} */
            credential: "app" | "token";
            installationId: string | null;
            datasets: {
                /** @enum {string} */
                dataset: "organization" | "members" | "ownMfa" | "outsideCollaborators" | "samlIdentities" | "enterpriseSaml" | "credentialAuthorizations";
                label: string;
                /**
                 * @description complete: readable; not_permitted: the credential lacks permissionNeeded; failed: reason.
                 * @enum {string}
                 */
                state: "complete" | "partial" | "not_permitted" | "failed" | "skipped";
                count: number;
                reason?: string;
                permissionNeeded?: string;
            }[];
            saml: {
                configured: boolean | null;
                enforcement: string;
            };
            fatal: {
                code: string;
                message: string;
            } | null;
            canReadMembers: boolean;
        };
        GithubSync: {
            id: string;
            readAt: string;
            current: boolean;
            accountCount: number;
            credentialCount: number;
            complete: boolean;
        };
        AccessReview: {
            id: string;
            org: string;
            appId: string;
            appLabel: string;
            reviewerEmail: string;
            /** Format: date-time */
            attestedAt: string;
            note: string | null;
            snapshotId: string;
            assignments: {
                userId: string;
                login: string | null;
                userStatus: string | null;
                scope: string;
                assignmentStatus: string | null;
            }[];
        };
        ServiceAttestation: {
            id: string;
            serviceId: string;
            fact: string;
            value: boolean | string;
            attestedBy: string;
            /** Format: date-time */
            attestedAt: string;
            statement: string;
            /** Format: date-time */
            recordedAt: string;
        };
        PassthroughChainLink: {
            /** @enum {string} */
            link: "okta-app" | "sso-enforced" | "saml-identity" | "okta-user" | "app-assignment" | "sign-in-policy" | "mfa-factor";
            /** @enum {string} */
            state: "proven" | "broken" | "unknown";
            detail: string;
            /** @description Where the link comes from: ids, names, policy and rule, factor, attestation. */
            source: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            failure?: "app-not-mapped" | "sso-not-enforced" | "sso-unverified" | "no-saml-identity" | "no-okta-user" | "ambiguous-okta-user" | "okta-user-cannot-sign-in" | "not-assigned" | "one-factor-rule" | "sign-in-denied" | "no-factor" | "outside-collaborator-without-mfa" | "own-mfa-does-not-count";
        };
        PassthroughAccountResult: {
            accountId: string;
            login: string;
            /** @description member, outside_collaborator (SAML SSO does not apply: reported apart) or account (imported). */
            kind: string;
            ownMfa: string;
            /** @enum {string} */
            status: "pass" | "fail" | "not_applicable" | "error";
            basis: ("own-mfa" | "own-mfa-weak" | "passthrough") | null;
            failures: ("app-not-mapped" | "sso-not-enforced" | "sso-unverified" | "no-saml-identity" | "no-okta-user" | "ambiguous-okta-user" | "okta-user-cannot-sign-in" | "not-assigned" | "one-factor-rule" | "sign-in-denied" | "no-factor" | "outside-collaborator-without-mfa" | "own-mfa-does-not-count")[];
            reason: string;
            chain: components["schemas"]["PassthroughChainLink"][];
            oktaUser: {
                id: string;
                login: string;
            } | null;
            signIns: {
                eventId: string;
                at: string;
                outcome: string | null;
                mfa: {
                    eventId: string;
                    eventType: string;
                    at: string;
                    correlation: string;
                } | null;
            }[];
            bypassCredentials: {
                login: string;
                credentialId: string;
                credentialType: string;
                authorizedAt: string;
                lastAccessedAt: string | null;
                expiresAt: string | null;
            }[];
            warnings: string[];
        };
        Webhook: {
            id: string;
            name: string;
            url: string;
            events: string[];
            /** @enum {string} */
            format: "json" | "slack";
            enabled: boolean;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookDelivery: {
            id: string;
            /** @description The event, or webhook.test for a test delivery. */
            eventType: string;
            org: string | null;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            endedAt: string;
            attempts: number;
            delivered: boolean;
            /** @description The last HTTP status, or the network error’s name. */
            lastStatus: string;
            lastError: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
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
                        user: components["schemas"]["ServerUser"];
                        /** @description Send as x-csrf-token on every change made with the session cookie. */
                        csrfToken: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSetupState: {
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
                        needed: boolean;
                    };
                };
            };
        };
    };
    completeSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    /** Format: email */
                    email: string;
                    password: string;
                    displayName?: string;
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
                        user: components["schemas"]["ServerUser"];
                        /** @description Send as x-csrf-token on every change made with the session cookie. */
                        csrfToken: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
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
                        user: components["schemas"]["ServerUser"];
                        /** @enum {string} */
                        via: "session" | "token";
                        /** @description False for a read-only API token. */
                        canWrite: boolean;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCsrfToken: {
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
                        token: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listServerUsers: {
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
                        items: components["schemas"]["ServerUser"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createServerUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    /** @enum {string} */
                    role: "admin" | "auditor" | "reviewer";
                    displayName?: string;
                    reviewAppIds?: string[];
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
                    "application/json": components["schemas"]["ServerUser"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteServerUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateServerUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "admin" | "auditor" | "reviewer";
                    disabled?: boolean;
                    password?: string;
                    displayName?: string | null;
                    reviewAppIds?: string[];
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
                    "application/json": components["schemas"]["ServerUser"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApiTokens: {
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
                        items: components["schemas"]["ApiToken"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    access: "read" | "read-write";
                    expiresInDays: number;
                    /** @description The server user the token acts as (default: the caller). */
                    ownerId?: string;
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
                        id: string;
                        name: string;
                        ownerId: string;
                        /** @enum {string} */
                        access: "read" | "read-write";
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        expiresAt: string;
                        lastUsedAt: string | null;
                        revoked: boolean;
                        /** @description Shown once: send as Authorization: Bearer. */
                        secret: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                action?: string;
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
                        items: components["schemas"]["AuditEntry"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOrgs: {
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
                        items: components["schemas"]["Org"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSyncs: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["Sync"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
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
                    "application/json": components["schemas"]["Sync"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listConnections: {
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
                        items: components["schemas"]["Connection"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    domain: string;
                    baseUrl?: string;
                    proxyUrl?: string;
                    credential: {
                        /** @enum {string} */
                        kind: "ssws";
                        /** @description An Okta API token (SSWS). */
                        token: string;
                    } | {
                        /** @enum {string} */
                        kind: "oauth";
                        clientId: string;
                        /** @description PEM or JWK text of the service app’s private key. */
                        privateKey: string;
                        /** @default null */
                        keyId?: string | null;
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        dpop?: "auto" | "on" | "off";
                    };
                    settings?: {
                        autoSync?: boolean;
                        /** @description 15m to 24h, e.g. 6h. */
                        syncInterval?: string;
                        logWindowDays?: number;
                        /** @description Time budget per sync, e.g. 300s. */
                        budget?: string;
                        eventTypes?: string[] | null;
                        evidenceRetention?: number;
                    };
                    skipTest?: boolean;
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
                        connection: components["schemas"]["Connection"];
                        report: components["schemas"]["TestConnectionReport"] | null;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    baseUrl?: string | null;
                    proxyUrl?: string | null;
                    settings?: {
                        autoSync?: boolean;
                        /** @description 15m to 24h, e.g. 6h. */
                        syncInterval?: string;
                        logWindowDays?: number;
                        /** @description Time budget per sync, e.g. 300s. */
                        budget?: string;
                        eventTypes?: string[] | null;
                        evidenceRetention?: number;
                    };
                    credential?: {
                        /** @enum {string} */
                        kind: "ssws";
                        /** @description An Okta API token (SSWS). */
                        token: string;
                    } | {
                        /** @enum {string} */
                        kind: "oauth";
                        clientId: string;
                        /** @description PEM or JWK text of the service app’s private key. */
                        privateKey: string;
                        /** @default null */
                        keyId?: string | null;
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        dpop?: "auto" | "on" | "off";
                    };
                    skipTest?: boolean;
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
                        connection: components["schemas"]["Connection"];
                        report: components["schemas"]["TestConnectionReport"] | null;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testDraftConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    domain: string;
                    baseUrl?: string;
                    credential: {
                        /** @enum {string} */
                        kind: "ssws";
                        /** @description An Okta API token (SSWS). */
                        token: string;
                    } | {
                        /** @enum {string} */
                        kind: "oauth";
                        clientId: string;
                        /** @description PEM or JWK text of the service app’s private key. */
                        privateKey: string;
                        /** @default null */
                        keyId?: string | null;
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        dpop?: "auto" | "on" | "off";
                    };
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
                    "application/json": components["schemas"]["TestConnectionReport"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                        connection: components["schemas"]["Connection"];
                        report: components["schemas"]["TestConnectionReport"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    syncNow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        queued: true;
                        org: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGithubConnections: {
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
                        items: components["schemas"]["GithubConnection"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    org: string;
                    /** @description GitHub Enterprise Server: https://HOST (or https://HOST/api/v3). Leave out for GitHub.com. */
                    baseUrl?: string;
                    /** @description The enterprise slug, to read whether SAML SSO is enforced (enterprise owners only). */
                    enterprise?: string | null;
                    credential: {
                        /** @enum {string} */
                        kind: "app";
                        appId: string;
                        /** @description The PEM private key GitHub generated for the App. */
                        privateKey: string;
                        /**
                         * @description Null: looked up from the organization.
                         * @default null
                         */
                        installationId?: string | null;
                    } | {
                        /** @enum {string} */
                        kind: "token";
                        /** @description A fine-grained personal access token (or classic token) of an organization owner. */
                        token: string;
                    };
                    /** @description The Okta connection (name or id) whose org the members sign in through. */
                    oktaConnection: string;
                    /** @description The Okta app id of GitHub in that org. */
                    oktaApp: string;
                    settings?: {
                        autoSync?: boolean;
                        /** @description 15m to 24h, e.g. 6h. */
                        syncInterval?: string;
                        /** @description Time budget per sync, e.g. 600s. */
                        budget?: string;
                    };
                    skipTest?: boolean;
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
                        connection: components["schemas"]["GithubConnection"];
                        report: components["schemas"]["GithubTestReport"] | null;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                    "application/json": components["schemas"]["GithubConnection"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    enterprise?: string | null;
                    settings?: {
                        autoSync?: boolean;
                        /** @description 15m to 24h, e.g. 6h. */
                        syncInterval?: string;
                        /** @description Time budget per sync, e.g. 600s. */
                        budget?: string;
                    };
                    credential?: {
                        /** @enum {string} */
                        kind: "app";
                        appId: string;
                        /** @description The PEM private key GitHub generated for the App. */
                        privateKey: string;
                        /**
                         * @description Null: looked up from the organization.
                         * @default null
                         */
                        installationId?: string | null;
                    } | {
                        /** @enum {string} */
                        kind: "token";
                        /** @description A fine-grained personal access token (or classic token) of an organization owner. */
                        token: string;
                    };
                    oktaApp?: string;
                    skipTest?: boolean;
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
                        connection: components["schemas"]["GithubConnection"];
                        report: components["schemas"]["GithubTestReport"] | null;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testDraftGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    org: string;
                    /** @description GitHub Enterprise Server: https://HOST (or https://HOST/api/v3). Leave out for GitHub.com. */
                    baseUrl?: string;
                    enterprise?: string | null;
                    credential: {
                        /** @enum {string} */
                        kind: "app";
                        appId: string;
                        /** @description The PEM private key GitHub generated for the App. */
                        privateKey: string;
                        /**
                         * @description Null: looked up from the organization.
                         * @default null
                         */
                        installationId?: string | null;
                    } | {
                        /** @enum {string} */
                        kind: "token";
                        /** @description A fine-grained personal access token (or classic token) of an organization owner. */
                        token: string;
                    };
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
                    "application/json": components["schemas"]["GithubTestReport"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    testGithubConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                        connection: components["schemas"]["GithubConnection"];
                        report: components["schemas"]["GithubTestReport"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    syncGithubNow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        queued: true;
                        serviceId: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGithubSyncs: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
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
                        items: components["schemas"]["GithubSync"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    watchSyncEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless text/event-stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                /** @description Comma-separated Okta statuses. */
                status?: string;
                /** @description Part of the login, email or name, ignoring case. */
                search?: string;
                /** @description The MFA test’s verdict on the user in the latest run. */
                mfa?: "pass" | "fail" | "not_applicable" | "error";
                /** @description The strength of the user’s strongest active factor. */
                strongestFactor?: "none" | "knowledge" | "weak" | "strong" | "phishing-resistant";
                /** @description No sign-in (or, never signed in, created) for more than this many days. */
                inactiveDays?: number;
                /** @description DEPROVISIONED users who still hold an app assignment. */
                deprovisionedWithAccess?: "true" | "false";
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["User"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
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
                        user: components["schemas"]["User"];
                        groups: {
                            id: string;
                            name: string | null;
                        }[];
                        apps: {
                            appId: string;
                            userId: string;
                            /**
                             * @description USER: assigned directly; GROUP: only through the groups in viaGroupIds.
                             * @enum {string}
                             */
                            scope: "USER" | "GROUP";
                            status: string | null;
                            created: string | null;
                            lastUpdated: string | null;
                            viaGroupIds: string[];
                            appLabel: string | null;
                        }[];
                        /** @description Each security test’s result for this user in the latest run. */
                        verdicts: {
                            checkId: string;
                            /** @enum {string} */
                            status: "pass" | "fail" | "not_applicable" | "error";
                            reason: string;
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserFactors: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                org: string;
                id: string;
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
                            id: string;
                            factorType: string;
                            provider: string | null;
                            vendorName: string | null;
                            status: string;
                            created: string | null;
                            lastUpdated: string | null;
                            /** @description Masked by the collector, never a secret or a full number. */
                            profileSummary: string | null;
                            /**
                             * @description How strong the MFA tests count the factor (docs/verdicts.md).
                             * @enum {string}
                             */
                            strength: "knowledge" | "weak" | "strong" | "phishing-resistant" | "unknown";
                        }[];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroups: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                /** @description Part of the name. */
                search?: string;
                type?: "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["Group"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
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
                        id: string;
                        name: string;
                        description: string | null;
                        type: string;
                        created: string | null;
                        lastUpdated: string | null;
                        lastMembershipUpdated: string | null;
                        sourceAppId: string | null;
                        memberCount: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGroupMembers: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                org: string;
                id: string;
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
                            userId: string;
                            login: string | null;
                            status: string | null;
                        }[];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApps: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                /** @description Part of the label. */
                search?: string;
                status?: "ACTIVE" | "INACTIVE";
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["App"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
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
                        app: components["schemas"]["App"];
                        /** @description The authentication policy the app uses. */
                        accessPolicy: components["schemas"]["Policy"] | null;
                        assignedUsers: number;
                        groups: {
                            groupId: string;
                            name: string | null;
                            priority: number | null;
                        }[];
                        lastReview: {
                            reviewerEmail: string;
                            /** Format: date-time */
                            attestedAt: string;
                            assignmentCount: number;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAppAssignments: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                org: string;
                id: string;
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
                            appId: string;
                            userId: string;
                            /**
                             * @description USER: assigned directly; GROUP: only through the groups in viaGroupIds.
                             * @enum {string}
                             */
                            scope: "USER" | "GROUP";
                            status: string | null;
                            created: string | null;
                            lastUpdated: string | null;
                            viaGroupIds: string[];
                            login: string | null;
                            userStatus: string | null;
                        }[];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPolicies: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                type?: string;
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["Policy"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
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
                        policy: components["schemas"]["Policy"];
                        rules: components["schemas"]["PolicyRule"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSystemLogEvents: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                type?: string;
                /** @description Actor id or login. */
                actor?: string;
                /** @description A target’s id. */
                target?: string;
                /** @description Published at or after (ISO 8601). */
                since?: string;
                /** @description Published before (ISO 8601). */
                until?: string;
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["LogEvent"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLatestTests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
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
                        id: string;
                        syncId: string | null;
                        snapshotId: string;
                        /** Format: date-time */
                        evaluatedAt: string;
                        results: {
                            id: string;
                            title: string;
                            severity: string;
                            /** @enum {string} */
                            status: "pass" | "fail" | "not_applicable" | "error";
                            readonly controls: string[];
                            counts: {
                                pass: number;
                                fail: number;
                                not_applicable: number;
                                error: number;
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTestChanges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
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
                        previous: {
                            runId: string;
                            syncId: string | null;
                            /** Format: date-time */
                            evaluatedAt: string;
                        } | null;
                        checks: {
                            checkId: string;
                            before: ("pass" | "fail" | "not_applicable" | "error") | null;
                            after: ("pass" | "fail" | "not_applicable" | "error") | null;
                            newlyFailing: {
                                entityType: string;
                                entityId: string;
                                entityName: string;
                                before: ("pass" | "fail" | "not_applicable" | "error") | null;
                                after: ("pass" | "fail" | "not_applicable" | "error") | null;
                                reason: string;
                            }[];
                            newlyFixed: {
                                entityType: string;
                                entityId: string;
                                entityName: string;
                                before: ("pass" | "fail" | "not_applicable" | "error") | null;
                                after: ("pass" | "fail" | "not_applicable" | "error") | null;
                                reason: string;
                            }[];
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCheckEntities: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
                status?: "pass" | "fail" | "not_applicable" | "error";
                entityType?: "user" | "app" | "policy" | "organization" | "dataset";
                search?: string;
            };
            header?: never;
            path: {
                org: string;
                checkId: string;
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
                        items: components["schemas"]["CheckEntityResult"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCheckHistory: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                org: string;
                checkId: string;
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
                            runId: string;
                            syncId: string | null;
                            /** Format: date-time */
                            evaluatedAt: string;
                            /** @enum {string} */
                            status: "pass" | "fail" | "not_applicable" | "error";
                            counts: {
                                pass: number;
                                fail: number;
                                not_applicable: number;
                                error: number;
                            };
                        }[];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listFrameworks: {
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
                        items: {
                            id: string;
                            title: string;
                            controls: number;
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFrameworkStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                framework: string;
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
                        id: string;
                        title: string;
                        controls: {
                            id: string;
                            title: string;
                            status: ("pass" | "fail" | "not_applicable" | "error") | "unknown";
                            checks: {
                                id: string;
                                title: string;
                                status: ("pass" | "fail" | "not_applicable" | "error") | "unknown";
                            }[];
                            artifacts: string[];
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvidenceExports: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
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
                            id: string;
                            org: string;
                            syncId: string | null;
                            generatedAt: string;
                            complete: boolean;
                            files: number;
                            sequence: number | null;
                            /** @description Framework ids the artifacts are mapped to. */
                            frameworks: string[];
                            /** @description Set when the export is of the built-in simulated org. */
                            simulated: string | null;
                            /** @description Set for a downstream service's export (a GitHub connection, an imported service): its coverage artifact, in the service's own chain; null for the org's own exports. */
                            service: {
                                id: string;
                                name: string;
                                kind: string;
                            } | null;
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadEvidenceExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                exportId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ZIP archive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyEvidenceExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                exportId: string;
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
                        id: string;
                        ok: boolean;
                        trust: {
                            /** @enum {string} */
                            kind: "trusted-key" | "local-key" | "untrusted";
                            fingerprint: string;
                        } | null;
                        manifestSha256: string | null;
                        problems: {
                            file: string;
                            reason: string;
                        }[];
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReviews: {
        parameters: {
            query?: {
                appId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                org: string;
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
                        items: components["schemas"]["AccessReview"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    attestReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    /**
                     * Format: email
                     * @description Admins only: who reviewed (default: the caller).
                     */
                    reviewerEmail?: string;
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
                        review: components["schemas"]["AccessReview"];
                        orphaned: {
                            userId: string;
                            login: string | null;
                        }[];
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
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
                        items: components["schemas"]["Webhook"][];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Where events are POSTed: https://… (http only for a receiver on a trusted network). */
                    url: string;
                    events: ("tests.newly_failing" | "tests.newly_fixed" | "sync.failed" | "connection.unhealthy")[];
                    /**
                     * @default json
                     * @enum {string}
                     */
                    format?: "json" | "slack";
                    /** @default true */
                    enabled?: boolean;
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
                        id: string;
                        name: string;
                        url: string;
                        events: string[];
                        /** @enum {string} */
                        format: "json" | "slack";
                        enabled: boolean;
                        createdBy: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description Shown once: verify x-okta-evidence-signature with it. */
                        secret: string;
                        warnings: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description Where events are POSTed: https://… (http only for a receiver on a trusted network). */
                    url?: string;
                    events?: ("tests.newly_failing" | "tests.newly_fixed" | "sync.failed" | "connection.unhealthy")[];
                    /** @enum {string} */
                    format?: "json" | "slack";
                    enabled?: boolean;
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
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendWebhookTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
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
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
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
                        items: components["schemas"]["WebhookDelivery"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getServicePassthrough: {
        parameters: {
            query?: {
                verdict?: "pass" | "fail" | "not_applicable" | "error";
                /** @description How a passing account is covered. */
                basis?: "own-mfa" | "own-mfa-weak" | "passthrough";
                /** @description Items per page (1-200). */
                limit?: number;
                /** @description The `next` value of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The service id or name. */
                service: string;
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
                        service: {
                            id: string;
                            kind: string;
                            name: string;
                            oktaOrg: string;
                            oktaAppId: string | null;
                        };
                        evaluation: {
                            id: string;
                            oktaOrg: string;
                            oktaSnapshotId: string;
                            /** Format: date-time */
                            evaluatedAt: string;
                            readAt: string;
                            status: string;
                            counts: {
                                [key: string]: number;
                            };
                            /** @description The links every account shares (okta-app, sso-enforced). */
                            serviceChain: components["schemas"]["PassthroughChainLink"][];
                            nameIdFormat: {
                                format: string;
                                source: string;
                            };
                            /** @description Why the evaluation cannot be whole (incomplete reads); empty when it is. */
                            gaps: string[];
                            /** @description Credentials that reach the service without a fresh Okta sign-in, reported apart. */
                            bypassCredentials: {
                                login: string;
                                credentialId: string;
                                credentialType: string;
                                authorizedAt: string;
                                lastAccessedAt: string | null;
                                expiresAt: string | null;
                            }[];
                        };
                        items: components["schemas"]["PassthroughAccountResult"][];
                        /** @description Pass as `cursor` for the next page; null on the last page. */
                        next: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    attestServiceFact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    fact: "sso-enforced" | "name-id-format";
                    value: boolean | ("login" | "email");
                    /**
                     * Format: email
                     * @description Who checked the setting (default: the caller).
                     */
                    attestedBy?: string;
                    /** Format: date-time */
                    attestedAt?: string;
                    statement: string;
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
                        attestation: components["schemas"]["ServiceAttestation"];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importService: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    oktaConnection: string;
                    oktaApp: string;
                    /** @description Its extension (.csv, .json) says the format. */
                    fileName: string;
                    content: string;
                    /**
                     * @default email
                     * @enum {string}
                     */
                    match?: "email" | "login";
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
                        serviceId: string;
                        snapshotId: string;
                        accounts: number;
                        status: string;
                        counts: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getActiveFrameworks: {
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
                        active: ("SOC2" | "ISO27001_2013" | "ISO27001_2022" | "HIPAA" | "GDPR" | "PCI_DSS_4" | "NIST_CSF_1_1" | "NIST_CSF_2_0")[];
                        /** @description Who made the current choice; null while nobody has (every framework is active). */
                        chosenBy: string | null;
                        chosenAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setActiveFrameworks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    active: ("SOC2" | "ISO27001_2013" | "ISO27001_2022" | "HIPAA" | "GDPR" | "PCI_DSS_4" | "NIST_CSF_1_1" | "NIST_CSF_2_0")[];
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
                        active: ("SOC2" | "ISO27001_2013" | "ISO27001_2022" | "HIPAA" | "GDPR" | "PCI_DSS_4" | "NIST_CSF_1_1" | "NIST_CSF_2_0")[];
                        /** @description Who made the current choice; null while nobody has (every framework is active). */
                        chosenBy: string | null;
                        chosenAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPasswordCompliance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                org: string;
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
                        runId: string;
                        /** Format: date-time */
                        evaluatedAt: string;
                        policies: {
                            policyId: string;
                            policy: string;
                            /** @enum {string} */
                            status: "pass" | "fail" | "not_applicable" | "error";
                            passwordOnlyFactor: boolean;
                            governedUsers: number;
                            profiles: {
                                profileId: string;
                                name: string;
                                chosen: boolean;
                                met: boolean;
                                requirements: {
                                    source: string;
                                    required: string;
                                    actual: string;
                                    fields: string[];
                                    met: boolean;
                                }[];
                            }[];
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
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
