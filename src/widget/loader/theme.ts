import type { WidgetSettings } from '../../shared/chatbot-settings';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The widget settings as CSS variables on the widget's root element; every
 * style in the shadow root reads them, so the chunks need no settings to paint.
 */
export function applyTheme(root: HTMLElement, widget: WidgetSettings): void {
  const vars: Record<string, string> = {
    '--bz-primary': widget.primaryColor,
    '--bz-on-primary': widget.primaryTextColor,
    '--bz-light-bg': widget.backgroundColor,
    '--bz-light-text': widget.textColor,
    '--bz-call': widget.call.buttonColor,
    '--bz-radius': `${clamp(widget.borderRadius, 0, 32)}px`,
    '--bz-font': widget.fontFamily || 'system-ui, sans-serif',
    '--bz-launcher': `${clamp(widget.launcherSize, 40, 80)}px`,
    '--bz-x': `${clamp(widget.offsetX, 0, 200)}px`,
    '--bz-y': `${clamp(widget.offsetY, 0, 200)}px`,
  };
  for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
  root.dataset.theme = widget.theme;
  root.dataset.position = widget.position;
}
