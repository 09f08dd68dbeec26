import PDFDocument from 'pdfkit';
import type { CallDetails } from './call-details.js';

const SPEAKERS: Record<CallDetails['transcript'][number]['speaker'], string> = {
  caller: 'Caller',
  agent: 'Agent',
  human_agent: 'Staff',
};

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function detailLines(call: CallDetails): Array<[string, string]> {
  const lines: Array<[string, string | null]> = [
    ['Caller', [call.callerName, call.callerId].filter(Boolean).join(' ') || 'Unknown'],
    ['Chatbot', call.chatbotName],
    ['Source', `${call.source} (${call.direction})`],
    ['Started', call.startedAt.toISOString()],
    ['Duration', call.durationMs === null ? null : clock(call.durationMs)],
    ['Status', call.status],
    ['End reason', call.endReason],
    ['Intent', call.intent],
    ['Urgent', call.isUrgent ? 'Yes' : 'No'],
    ['Handled', call.isHandled ? 'Yes' : 'No'],
    ['Rating', call.rating === null ? null : String(call.rating)],
    ['Summary', call.summary],
    ['Notes', call.notes],
  ];
  return lines.filter((line): line is [string, string] => Boolean(line[1]));
}

/** One call as a printable document: its details, then the whole transcript. */
export function callPdf(call: CallDetails): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Call ${call.id}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text('Call details');
  doc.moveDown(0.5);
  for (const [label, value] of detailLines(call)) {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  }
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(14).text('Transcript');
  doc.moveDown(0.5);
  if (call.transcript.length === 0) doc.font('Helvetica').fontSize(10).text('Nothing was said.');
  for (const line of call.transcript) {
    const cut = line.interrupted ? ' (interrupted)' : '';
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${clock(line.startMs)} ${SPEAKERS[line.speaker]}${cut}: `, { continued: true });
    doc.font('Helvetica').text(line.text);
  }
  doc.end();
  return done;
}
