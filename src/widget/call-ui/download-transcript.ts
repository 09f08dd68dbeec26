/** Saves the call transcript as a text file, without any server round trip. */
export function downloadTranscript(text: string, endedAt = new Date()): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `call-transcript-${endedAt.toISOString().slice(0, 10)}.txt`;
  link.click();
  // Revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
