import { Link } from 'react-router';
import { useChatbots } from '../../api/chatbots';
import { FormField } from '../../components/ui/FormField';
import { Select } from '../../components/ui/Select';

type CallChatbotFieldProps = {
  value: string;
  onChange: (chatbotId: string) => void;
  error: string | undefined;
};

/** The call chatbot that answers the number; chat chatbots cannot take calls. */
export function CallChatbotField({ value, onChange, error }: CallChatbotFieldProps) {
  const chatbots = useChatbots();
  const options = (chatbots.data ?? [])
    .filter((chatbot) => chatbot.chatbotType === 'call')
    .map((chatbot) => ({ value: chatbot.id, label: chatbot.name }));
  const none = chatbots.isSuccess && options.length === 0;
  return (
    <FormField
      label="Chatbot"
      error={error ?? (chatbots.isError ? 'Could not load your chatbots.' : undefined)}
      hint={
        none ? (
          <>
            No call chatbots yet.{' '}
            <Link to="/chatbots" className="font-medium text-blue-600 underline dark:text-blue-400">
              Create one
            </Link>{' '}
            first.
          </>
        ) : (
          'The call chatbot that answers this number.'
        )
      }
    >
      {(control) => (
        <Select
          {...control}
          value={value}
          onValueChange={onChange}
          options={options}
          disabled={chatbots.isPending || none}
          placeholder={chatbots.isPending ? 'Loading chatbots…' : 'Select a call chatbot'}
        />
      )}
    </FormField>
  );
}
