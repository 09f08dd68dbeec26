import { SendHorizontal } from 'lucide-react';
import type { CSSProperties } from 'react';
import type { WidgetSettings } from '../../../../../shared/chatbot-settings';
import { useTheme } from '../../../theme/theme-context';
import { callButtonIcons, launcherIcons } from './icons';

const darkPalette = { background: '#0f172a', text: '#f1f5f9' };

type WidgetPreviewProps = { values: WidgetSettings; showCallButton: boolean };

/** A static picture of the widget built from the unsaved form values. */
export function WidgetPreview({ values, showCallButton }: WidgetPreviewProps) {
  const { resolved } = useTheme();
  const dark = values.theme === 'dark' || (values.theme === 'auto' && resolved === 'dark');
  const background = dark ? darkPalette.background : values.backgroundColor;
  const text = dark ? darkPalette.text : values.textColor;
  const right = values.position === 'bottom-right';
  const radius = clamp(values.borderRadius, 0, 32);
  const launcherSize = clamp(values.launcherSize, 40, 80);
  const LauncherIcon = launcherIcons[values.launcherIcon];
  const CallIcon = callButtonIcons[values.call.buttonIcon];
  const questions = values.suggestedQuestions.filter((q) => q.trim());

  const stack: CSSProperties = {
    [right ? 'right' : 'left']: clamp(values.offsetX, 0, 200),
    bottom: clamp(values.offsetY, 0, 200),
    alignItems: right ? 'flex-end' : 'flex-start',
  };
  const bubble = `color-mix(in srgb, ${text} 8%, ${background})`;

  return (
    <div
      data-testid="widget-preview"
      className="relative h-[min(580px,calc(100dvh-12rem))] min-h-[440px] overflow-hidden rounded-lg border border-slate-200 bg-slate-100 dark:border-slate-800 dark:bg-slate-800/60"
    >
      <div aria-hidden="true" className="space-y-2 p-5">
        <div className="h-3 w-1/3 rounded bg-slate-200 dark:bg-slate-700" />
        <div className="h-2 w-2/3 rounded bg-slate-200 dark:bg-slate-700" />
        <div className="h-2 w-1/2 rounded bg-slate-200 dark:bg-slate-700" />
      </div>
      <div
        className="absolute top-4 flex w-[min(300px,calc(100%-16px))] flex-col gap-3"
        style={stack}
      >
        <div
          className="flex min-h-0 w-full flex-1 flex-col overflow-hidden shadow-xl ring-1 ring-black/10"
          style={{ borderRadius: radius, background, color: text, fontFamily: values.fontFamily }}
        >
          <div
            className="flex items-center gap-3 px-4 py-3"
            style={{ background: values.primaryColor, color: values.primaryTextColor }}
          >
            {values.showAvatar && <Avatar url={values.avatarUrl} title={values.title} />}
            <div className="min-w-0">
              <p className="truncate text-sm font-semibold">{values.title || 'Chat with us'}</p>
              {values.subtitle && <p className="truncate text-xs opacity-80">{values.subtitle}</p>}
            </div>
          </div>
          <div className="min-h-0 flex-1 space-y-3 overflow-hidden p-4 text-sm">
            {values.welcomeMessage && (
              <p
                className="max-w-[85%] whitespace-pre-line rounded-2xl rounded-tl-sm px-3 py-2"
                style={{ background: bubble }}
              >
                {values.welcomeMessage}
              </p>
            )}
            {questions.length > 0 && (
              <div className="flex flex-wrap gap-1.5">
                {questions.map((question, index) => (
                  <span
                    // biome-ignore lint/suspicious/noArrayIndexKey: questions may repeat
                    key={index}
                    className="rounded-full border px-2.5 py-1 text-xs"
                    style={{
                      borderColor: values.primaryColor,
                      color: dark ? text : values.primaryColor,
                    }}
                  >
                    {question}
                  </span>
                ))}
              </div>
            )}
          </div>
          <div
            className="flex items-center gap-2 border-t p-2"
            style={{ borderColor: `color-mix(in srgb, ${text} 12%, transparent)` }}
          >
            <span className="min-w-0 flex-1 truncate px-2 text-sm opacity-50">
              {values.placeholder}
            </span>
            <span
              className="inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-xs font-medium"
              style={{ background: values.primaryColor, color: values.primaryTextColor }}
            >
              {values.sendButtonText || <SendHorizontal className="size-3.5" aria-hidden="true" />}
            </span>
          </div>
          {values.showBranding && (
            <p className="pb-2 text-center text-[10px] opacity-50">Powered by Buzzi</p>
          )}
        </div>
        {showCallButton && (
          <span
            className="inline-flex items-center gap-2 rounded-full px-4 py-2.5 text-sm font-medium text-white shadow-lg"
            style={{ background: values.call.buttonColor, fontFamily: values.fontFamily }}
          >
            <CallIcon className="size-4" aria-hidden="true" />
            {values.call.buttonText}
          </span>
        )}
        <span
          className="grid shrink-0 place-items-center rounded-full shadow-lg"
          style={{
            width: launcherSize,
            height: launcherSize,
            background: values.primaryColor,
            color: values.primaryTextColor,
          }}
        >
          <LauncherIcon
            style={{ width: launcherSize * 0.45, height: launcherSize * 0.45 }}
            aria-hidden="true"
          />
        </span>
      </div>
    </div>
  );
}

function Avatar({ url, title }: { url: string; title: string }) {
  if (url) {
    return (
      <img src={url} alt="" className="size-8 shrink-0 rounded-full bg-white/20 object-cover" />
    );
  }
  return (
    <span className="grid size-8 shrink-0 place-items-center rounded-full bg-white/20 text-sm font-semibold">
      {(title.trim()[0] ?? 'B').toUpperCase()}
    </span>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
