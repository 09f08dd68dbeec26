ALTER TABLE "calls" ADD COLUMN "answered" boolean;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "resolved" boolean;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "sentiment" varchar(10);