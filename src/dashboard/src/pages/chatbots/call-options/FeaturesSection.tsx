import { TriangleAlert } from 'lucide-react';
import { SwitchField } from '../../../components/ui/Switch';
import { FormSection } from '../widget/section';
import { features } from './call-options-form';
import type { CallSectionProps } from './section-props';

export function FeaturesSection({ values, set }: CallSectionProps) {
  return (
    <FormSection title="Features" description="What the agent may do during a call.">
      <ul className="space-y-4 sm:col-span-2">
        {features.map((feature) => {
          const checked = values[feature.key];
          return (
            <li key={feature.key} className="space-y-2">
              <SwitchField
                label={feature.label}
                description={feature.description}
                checked={checked}
                onCheckedChange={(v) => set(feature.key, v)}
              />
              {checked === feature.warning.when && (
                <p
                  role="status"
                  className="flex items-start gap-1.5 text-xs font-medium text-amber-800 dark:text-amber-300"
                >
                  <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
                  {feature.warning.text}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </FormSection>
  );
}
