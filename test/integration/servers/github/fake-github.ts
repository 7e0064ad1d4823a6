// The fake GitHub's test API: what a test passes in, seeds, injects and reads back.
import type { KeyObject } from 'node:crypto';
import type { Actor, RepoState, StoredComment, StoredIssue } from './repo-state.js';
import type { SearchLag } from './routes-search-contents.js';

export interface FakeGitHubOptions {
  appId: number;
  appSlug?: string;
  /** The App's public key (PEM or KeyObject): JWTs are verified with it. */
  publicKey: KeyObject | string;
  /** owner/name of the one repository. */
  repository: string;
  installationId?: number;
  /** False: GET /repos/{owner}/{repo}/installation answers 404, as when the App is not installed. */
  installed?: boolean;
  searchLag?: Partial<SearchLag>;
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Let this many matching requests through before failing (default 0): "fail the second create". */
  skip?: number;
  /** Carry the request out, then answer with the fault: a write that landed but whose answer was lost. */
  afterWrite?: boolean;
}

export interface JournalEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** The published route it matched, e.g. `GET /repos/{owner}/{repo}/issues`; null when none. */
  route: string | null;
  conforms: boolean;
  problems: string[];
  /** A request that changes the repository (token exchanges are not writes). */
  write: boolean;
  faulted: boolean;
}

export interface IssueSeed {
  title: string;
  body?: string | null;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | null;
  closedAt?: string;
  createdAt?: string;
  /** Default: a person, `octocat`. Pass `{ login: '<slug>[bot]', type: 'Bot' }` for the App's own. */
  author?: Actor;
  /** Made through the App (sets performed_via_github_app). Default: author is the App's bot. */
  viaApp?: boolean;
  pullRequest?: boolean;
  /** Visible to search at once (default true; seeded issues are old). */
  indexed?: boolean;
}

export interface FakeGitHub {
  readonly url: string;
  readonly appId: number;
  readonly appSlug: string;
  readonly botLogin: string;
  readonly installationId: number;
  readonly state: RepoState;
  readonly journal: JournalEntry[];
  writes(): JournalEntry[];
  nonConforming(): JournalEntry[];
  clearJournal(): void;
  injectFault(fault: Fault): void;
  setSearchLag(lag: Partial<SearchLag>): void;
  setInstalled(installed: boolean): void;
  seedIssue(seed: IssueSeed): number;
  seedComment(issue: number, body: string, author?: Actor): number;
  seedLabel(name: string, color?: string, description?: string): void;
  issue(number: number): StoredIssue | undefined;
  issues(): StoredIssue[];
  comments(issue: number): StoredComment[];
  file(path: string): string | undefined;
  close(): Promise<void>;
}

