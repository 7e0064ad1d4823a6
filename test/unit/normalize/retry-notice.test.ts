// A retry library's notice of a retried call: tenacity's before_sleep_log message, raw or masked.
import { isRetryNotice } from '../../../src/normalize/retry-notice.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';

// Pasted as printed: LangChain's Gemini chat model (assafelovic/gpt-researcher#518, three in a row;
// langchain-ai/langchain#22241), its OpenAI wrappers and LlamaIndex's embeddings (READMEs'
// troubleshooting sections), litellm behind tenacity with no function name.
const PASTED = [
  'Retrying langchain_google_genai.chat_models._achat_with_retry.<locals>._achat_with_retry in 2.0 seconds as it raised ResourceExhausted: 429 Resource has been exhausted (e.g. check quota)..',
  'Retrying langchain_google_genai.chat_models._chat_with_retry.<locals>._chat_with_retry in 2.0 seconds as it raised ResourceExhausted: 429 Resource has been exhausted (e.g. check quota)..',
  'Retrying langchain.chat_models.openai.ChatOpenAI.completion_with_retry.<locals>._completion_with_retry in 4.0 seconds as it raised RateLimitError: You exceeded your current quota, please check your plan and billing details..',
  'Retrying langchain.embeddings.openai.embed_with_retry.<locals>._embed_with_retry in 4.0 seconds as it raised RateLimitError: Rate limit reached for default-text-embedding-ada-002 in organization org-x on tokens per min.',
  "Retrying llama_index.embeddings.openai.base.aget_embedding in 0.6914689476274432 seconds as it raised RateLimitError: Error code: 429 - {'statusCode': 429, 'message': 'Rate limit is exceeded. Try again in 3 seconds.'}.",
  'Retrying langchain_google_vertexai.chat_models._completion_with_retry.<locals>._completion_with_retry_inner in 10.0 seconds as it raised ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-pro.',
  'Retrying <unknown> in 4 seconds as it raised RateLimitError: litellm.RateLimitError: OpenrouterException',
  'Retrying app.fetch in 2.0 seconds as it returned None.',
];

describe('isRetryNotice', () => {
  it.each(PASTED)('reads tenacity\'s notice: %s', (line) => {
    expect(isRetryNotice(line)).toBe(true);
  });

  it('reads it masked, as a template holds it', () => {
    expect(isRetryNotice('Retrying langchain.llms.openai.completion_with_retry.<locals>._completion_with_retry in <NUM> as it raised RateLimitError: <*>')).toBe(true);
  });

  it.each([
    'Retrying in 5 seconds...',
    'Retrying request to /v1/chat/completions in 0.8 seconds',
    'Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by ...',
    'retrying after an error',
    'Failed to connect. Retrying langchain in 4.0 seconds as it raised nothing',
    'Retrying the job now as it raised no alarm',
  ])('leaves other lines alone: %s', (line) => {
    expect(isRetryNotice(line)).toBe(false);
  });
});

describe('textSeverity of a retry notice', () => {
  it('is a warning printed bare', () => {
    for (const line of PASTED) expect(textSeverity(line)).toBe('WARNING');
  });

  it('is the level a header states, when one does', () => {
    expect(textSeverity(`WARNING:langchain_core.language_models.llms:${PASTED[0]}`)).toBe('WARNING');
    expect(textSeverity(`2026-12-04 10:00:00,123 ERROR app: ${PASTED[0]}`)).toBe('ERROR');
  });
});
