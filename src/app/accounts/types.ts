/** The account types adapters use, re-exported so they need not reach into the store. */
export { SERVER_ROLES, TOKEN_ACCESS, type ApiTokenRecord, type ServerRole, type ServerUserRecord, type TokenAccess } from '../../store/server-types.js';
