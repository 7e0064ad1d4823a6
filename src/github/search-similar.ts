// Finds issues a person filed about the same error text, as adoption candidates. Search lags behind
// writes, so it is only ever used for issues the gardener did not file; a failure means no candidates.
import { constantFragments } from '../render/index.js';
import type { Cluster, TrackedIssue } from '../shared/types.js';
import type { GitHubClient } from './app-client.js';
import { messageOf } from './describe-failure.js';
import { toTrackedIssue, type IssueJson } from './read-issues.js';

/** GitHub rejects queries over 256 characters; phrases get what the qualifiers leave. */
const MAX_QUERY = 256;
const MIN_FRAGMENT = 8;

export async function searchSimilarIssues(client: GitHubClient, cluster: Cluster): Promise<TrackedIssue[]> {
  const q = similarQuery(client.owner, client.repo, client.managedLabel, cluster);
  if (!q) return [];
  try {
    const response = await client.octokit.request('GET /search/issues', { q, per_page: 20 });
    const managed = client.managedLabel.toLowerCase();
    return (response.data.items as IssueJson[])
      .filter((i) => !i.pull_request)
      .filter((i) => !i.labels.some((l) => (typeof l === 'string' ? l : (l.name ?? '')).toLowerCase() === managed))
      .map((i) => toTrackedIssue(client, i, null));
  } catch (error) {
    client.logger?.warn({ cluster: cluster.id, error: messageOf(error) }, 'issue search failed; no adoption candidates');
    return [];
  }
}

/** `repo:o/r is:issue -label:x "phrase"`, or null when the cluster has no distinctive constant text. */
export function similarQuery(owner: string, repo: string, managedLabel: string, cluster: Pick<Cluster, 'template' | 'exceptionType'>): string | null {
  const qualifiers = `repo:${owner}/${repo} is:issue -label:"${managedLabel.replace(/"/g, '')}"`;
  const type = cluster.exceptionType ? safeWords(words(cluster.exceptionType)) : '';
  const fragment = distinctiveFragment(cluster.template);
  const phrases = [type, fragment ?? ''].filter((p) => p.length >= 4);
  // One phrase that holds the other says it all.
  if (phrases.length === 2 && phrases[1]!.toLowerCase().includes(phrases[0]!.toLowerCase())) phrases.shift();
  else if (phrases.length === 2 && phrases[0]!.toLowerCase().includes(phrases[1]!.toLowerCase())) phrases.pop();
  if (phrases.length === 0) return null;
  let q = qualifiers;
  for (const phrase of phrases) {
    const room = MAX_QUERY - q.length - 3;
    if (room < MIN_FRAGMENT) break;
    q += ` "${cutAtWord(phrase, room)}"`;
  }
  return q === qualifiers ? null : q;
}

/** The longest run of constant text in a masked template (masks like <*>, <NUM>, <UUID> removed). */
export function distinctiveFragment(template: string): string | null {
  const fragments = constantFragments(template)
    .map((fragment) => safeWords(words(fragment)))
    .filter((f) => f.length >= MIN_FRAGMENT && /[A-Za-z]{3}/.test(f));
  if (fragments.length === 0) return null;
  return fragments.reduce((best, f) => (f.length > best.length ? f : best));
}

// A key that may be followed by its secret (`password hunter2`, `DB_PASS lemon`): the phrase stops there.
const SECRET_KEY = /(?:^|[_.-])(?:pass(?:word|wd|phrase)?|pwd|secrets?|tokens?|api_?key|credentials?|authorization|bearer|basic|cookie|sid|sig|signature|otp)$/i;

/**
 * Only words that cannot be secrets go into a search query: the phrase ends after a secret-like
 * key (what follows may be its value), and before an opaque word (letters and digits mixed, 8 or more characters) ends it too.
 */
function safeWords(phrase: string): string {
  const kept: string[] = [];
  for (const word of phrase.split(' ')) {
    if (word.length >= 8 && /[0-9]/.test(word) && /[A-Za-z]/.test(word)) break;
    kept.push(word);
    if (SECRET_KEY.test(word)) break;
  }
  return kept.join(' ');
}

/** Search matches words: keep letters, digits and the joiners that live inside identifiers. */
function words(text: string): string {
  return text
    .replace(/[^\p{L}\p{N}_.:/-]+/gu, ' ')
    .split(' ')
    .map((token) => token.replace(/^[_.:/-]+|[_.:/-]+$/g, ''))
    .filter((token) => /[\p{L}\p{N}]/u.test(token))
    .join(' ');
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space >= MIN_FRAGMENT ? cut.slice(0, space) : cut;
}
