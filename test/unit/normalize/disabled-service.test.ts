// A Google API its project left disabled is one problem whichever API it is: the service's title is a
// value; the sentence, and other messages that name an API, stay as they are.
import { describe, expect, it } from '@jest/globals';
import { disabledServiceTitle } from '../../../src/normalize/disabled-service.js';
import { maskMessage, tokenize } from '../../../src/normalize/mask.js';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const title = (line: string): string | null => {
  const raw = tokenize(line);
  const span = disabledServiceTitle(raw);
  return span === null ? null : raw.slice(span[0], span[1]).join(' ');
};

const TAIL = 'has not been used in project 411082643095 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/x.googleapis.com/overview?project=411082643095 then retry.';

describe('disabledServiceTitle', () => {
  it.each([
    // Real-message batch 14 (Python, Go, Java and Node clients).
    [`403 Generative Language API ${TAIL}`, '403 Generative Language'],
    [`google.api_core.exceptions.PermissionDenied: 403 Dialogflow API ${TAIL}`, '403 Dialogflow'],
    [`googleapi: Error 403: Cloud Resource Manager API ${TAIL}`, 'Cloud Resource Manager'],
    [`io.grpc.StatusRuntimeException: PERMISSION_DENIED: Stackdriver Error Reporting API ${TAIL}`, 'Stackdriver Error Reporting'],
    [`Error: 7 PERMISSION_DENIED: Google Ads API ${TAIL}`, 'Google Ads'],
    // Public reports beyond them: googleapis/google-api-nodejs-client#2873, google-gemini/gemini-cli#1343,
    // googlearchive/cloud-functions-emulator#104, taylorwilsdon/google_workspace_mcp#126.
    [`Error: People API ${TAIL}`, 'People'],
    [`"message": "Gemini for Google Cloud API ${TAIL}`, '"Gemini for Google Cloud'],
    [`error: Error: Google Cloud Vision API ${TAIL}`, 'Google Cloud Vision'],
    [`<HttpError 403 when requesting https://www.googleapis.com/calendar/v3/calendars/primary/events returned "Google Calendar API ${TAIL}`, '"Google Calendar'],
  ])('%s', (line, name) => {
    expect(title(line)).toBe(name);
  });

  it.each([
    // Other sentences about an API are other problems, and keep their words.
    'com.google.gcloud.datastore.DatastoreException: The Cloud Datastore API is not enabled for the project demo',
    'Google has disabled the use of APIs from this API project.',
    'Error: People API returned 429 Too Many Requests',
    'API has not been used in project 12 before or it is disabled.',
    `Error: for API ${TAIL}`,
  ])('%s names no disabled service', (line) => {
    expect(title(line)).toBeNull();
  });
});

describe('maskMessage with a disabled service', () => {
  it('reads the sentence alike for every API', () => {
    const lines = ['Vertex AI', 'Generative Language', 'Google Sheets', 'Gemini for Google Cloud'].map((api) =>
      maskMessage(`PermissionDenied: 403 ${api} API ${TAIL}`));
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toMatch(/^PermissionDenied: <ID> API has not been used in project <NUM> before or it is disabled\./);
  });

  it('leaves the words of another sentence about an API', () => {
    expect(maskMessage('Error: People API returned 429 Too Many Requests')).toBe('Error: People API returned 429 Too Many Requests');
  });
});

describe('classifier with a disabled service', () => {
  const entry = (text: string): Entry => ({ time: Date.UTC(2025, 8, 11), severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text });

  it('files one problem for every API left disabled, apart from the API answering with an error', () => {
    const c = createClassifier();
    for (const api of ['Vertex AI', 'Dialogflow', 'Generative Language']) c.add(entry(`google.api_core.exceptions.PermissionDenied: 403 ${api} API ${TAIL}`));
    c.add(entry('google.api_core.exceptions.PermissionDenied: 403 Permission denied on resource project demo.'));
    expect(c.clusters().map((x) => x.count).sort()).toEqual([1, 3]);
  });
});
