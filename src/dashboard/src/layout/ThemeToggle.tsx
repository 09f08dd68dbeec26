import { Monitor, Moon, Sun } from 'lucide-react';
import { Button } from '../components/ui/Button';
import {
  Menu,
  MenuContent,
  MenuRadioGroup,
  MenuRadioItem,
  MenuTrigger,
} from '../components/ui/Menu';
import { type ThemePreference, themePreferences, useTheme } from '../theme/theme-context';

const options: Record<ThemePreference, { label: string; icon: typeof Sun }> = {
  light: { label: 'Light', icon: Sun },
  dark: { label: 'Dark', icon: Moon },
  system: { label: 'System', icon: Monitor },
};

export function ThemeToggle() {
  const { preference, resolved, setPreference } = useTheme();
  const Icon = resolved === 'dark' ? Moon : Sun;
  return (
    <Menu>
      <MenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Theme: ${options[preference].label}`}>
          <Icon className="size-4" aria-hidden="true" />
        </Button>
      </MenuTrigger>
      <MenuContent align="end" className="min-w-36">
        <MenuRadioGroup
          value={preference}
          onValueChange={(value) => {
            const next = themePreferences.find((p) => p === value);
            if (next) setPreference(next);
          }}
        >
          {themePreferences.map((value) => {
            const { label, icon: OptionIcon } = options[value];
            return (
              <MenuRadioItem key={value} value={value}>
                <OptionIcon className="size-4 text-slate-500" aria-hidden="true" />
                {label}
              </MenuRadioItem>
            );
          })}
        </MenuRadioGroup>
      </MenuContent>
    </Menu>
  );
}
