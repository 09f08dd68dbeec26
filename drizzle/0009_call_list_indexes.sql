CREATE INDEX "calls_company_duration_idx" ON "calls" USING btree ("company_id",coalesce("duration_ms", -1) desc,"id" desc);--> statement-breakpoint
CREATE INDEX "escalations_call_idx" ON "escalations" USING btree ("company_id","call_id");--> statement-breakpoint
CREATE INDEX "escalations_conversation_idx" ON "escalations" USING btree ("company_id","conversation_id");--> statement-breakpoint
CREATE INDEX "tickets_call_idx" ON "tickets" USING btree ("company_id","call_id");