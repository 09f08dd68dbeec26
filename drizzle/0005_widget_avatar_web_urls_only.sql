-- Widget avatars are http(s) only now; an earlier javascript: or data: URL is cleared, not kept unreadable.
UPDATE "chatbots"
SET "settings" = jsonb_set("settings", '{widget,avatarUrl}', '""'::jsonb)
WHERE "settings" #>> '{widget,avatarUrl}' <> ''
  AND "settings" #>> '{widget,avatarUrl}' !~* '^https?://';
