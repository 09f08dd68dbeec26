/** A file we cannot turn into text; the message is shown to the user as is. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}
