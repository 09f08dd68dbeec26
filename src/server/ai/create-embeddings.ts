import type { Config } from '../config.js';
import type { EmbeddingProvider } from './embeddings.js';
import { GeminiEmbeddings } from './gemini-embeddings.js';
import { OpenAIEmbeddings } from './openai-embeddings.js';

/** OpenAI when its key is set, else Gemini when its key is set, else none (full text only). */
export function createEmbeddings(providers: Config['providers']): EmbeddingProvider | undefined {
  if (providers.openai.apiKey) {
    return new OpenAIEmbeddings({
      apiKey: providers.openai.apiKey,
      baseUrl: providers.openai.baseUrl,
    });
  }
  if (providers.gemini.apiKey) {
    return new GeminiEmbeddings({
      apiKey: providers.gemini.apiKey,
      baseUrl: providers.gemini.baseUrl,
    });
  }
  return undefined;
}
