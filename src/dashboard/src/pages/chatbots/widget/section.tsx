import type { ReactNode } from 'react';
import type { WidgetCallSettings, WidgetSettings } from '../../../../../shared/chatbot-settings';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import type { WidgetErrors } from './widget-form';

export type SectionProps = {
  values: WidgetSettings;
  set: <K extends keyof WidgetSettings>(key: K, value: WidgetSettings[K]) => void;
  setCall: <K extends keyof WidgetCallSettings>(key: K, value: WidgetCallSettings[K]) => void;
  errors: WidgetErrors;
  disabled: boolean;
};

export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <CardBody className="grid gap-5 sm:grid-cols-2">{children}</CardBody>
    </Card>
  );
}
