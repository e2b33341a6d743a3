/** The GitHub simulator: what tests, the demo and benches import. */
export { startGitHubSimulator, buildGitHubSimulatorApp, type GitHubSimulatorHandle, type GitHubSimCredentials, type GitHubStartOptions } from './server.js';
export { githubSimulatorOptionsSchema, DEFAULT_GITHUB_ORGS, type GitHubSimulatorOptionsInput, type GitHubOrgSpecInput } from './options.js';
export { peopleFromOktaUsers, oktaPeopleForSeed, type OktaPerson } from './people.js';
export type { GitHubSimTokens } from './tokens.js';
export type { GhWorld, GhOrg, GhUser } from './model.js';
