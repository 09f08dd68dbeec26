import type { Chatbot } from '../../../api/types';
import { Card, CardHeader } from '../../../components/ui/Card';
import { ActiveCall } from './ActiveCall';
import { IdleScreen, MicrophoneDeniedScreen, ProblemScreen, WaitingScreen } from './call-screens';
import { EndedCall } from './EndedCall';
import { useTestCall } from './use-test-call';

// The controller words failures for website visitors; an admin testing gets the cause.
const failureHints: Record<string, string> = {
  provider_unavailable:
    'The call model cannot answer on this server. Check the model under Call Options: OpenAI and Gemini need their API key, the local engine its speech packages.',
  provider_error: 'The call model stopped answering. Try again in a moment.',
  connection_failed: 'The call connection could not be opened. Check your network and retry.',
};

const UNABLE = 'Unable to connect';

function failureMessage(state: { code: string; message: string }): string {
  return state.message === UNABLE ? `The call could not be set up (${state.code}).` : state.message;
}

/** A real browser call to the chatbot through the widget's call controller. */
export function TestCallPanel({ chatbot }: { chatbot: Chatbot }) {
  const { controller, state, transcript, start } = useTestCall(chatbot.publicId);

  const screen = () => {
    switch (state.status) {
      case 'idle':
        return <IdleScreen onStart={start} />;
      case 'requesting-microphone':
        return (
          <WaitingScreen
            title="Waiting for the microphone"
            description="Your browser may be asking whether this page may use the microphone. Choose Allow."
          />
        );
      case 'microphone-denied':
        return <MicrophoneDeniedScreen message={state.message} onRetry={start} />;
      case 'connecting':
        return <WaitingScreen title="Connecting…" description="Setting up the call." />;
      case 'active':
        return controller ? (
          <ActiveCall
            controller={controller}
            state={state}
            transcript={transcript}
            agentName={chatbot.name}
          />
        ) : null;
      case 'ended':
        return (
          <EndedCall
            state={state}
            transcript={transcript}
            agentName={chatbot.name}
            onRestart={start}
          />
        );
      case 'failed':
        return (
          <ProblemScreen
            title={UNABLE}
            message={failureHints[state.code] ?? failureMessage(state)}
            onRetry={start}
          />
        );
      case 'unavailable':
        return (
          <ProblemScreen
            title="Calls are not available"
            message={state.message}
            offline
            onRetry={start}
          />
        );
    }
  };

  return (
    <Card className="flex h-[min(40rem,calc(100dvh-12rem))] min-h-[28rem] flex-col overflow-hidden">
      <CardHeader
        className="py-3"
        title="Test call"
        description="The same call a website visitor makes with the call button."
      />
      {screen()}
    </Card>
  );
}
