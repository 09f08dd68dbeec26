-- pgvector is optional: PGlite loads it, a PostgreSQL without the extension
-- keeps working on full-text search alone (the embedding column is absent).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    ALTER TABLE knowledge_chunks ADD COLUMN IF NOT EXISTS embedding vector(1536);
    CREATE INDEX IF NOT EXISTS knowledge_chunks_embedding_idx
      ON knowledge_chunks USING hnsw (embedding vector_cosine_ops);
  END IF;
END
$$;
