DROP TABLE "knowledge_chunk_drafts" CASCADE;--> statement-breakpoint
DROP INDEX "knowledge_chunks_document_idx";--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "knowledge_documents" ADD COLUMN "chunks_run_id" uuid;--> statement-breakpoint
CREATE INDEX "knowledge_chunks_document_idx" ON "knowledge_chunks" USING btree ("document_id","run_id");--> statement-breakpoint
-- Chunks now land a few rows per statement; a small pending list keeps each
-- insert's merge into the full-text index short (embedded PGlite runs it on
-- the thread that serves calls).
ALTER INDEX "knowledge_chunks_search_idx" SET (gin_pending_list_limit = 512);
