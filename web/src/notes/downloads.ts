/** "lecture 3.srt" → "lecture 3.notes.md": the name of the upload, as the command-line client names its output. */
export const notesFileName = (uploadName: string, extension: 'md' | 'json') => `${uploadName.replace(/\.[^./]*$/, '').trim() || 'lecture'}.notes.${extension}`;

/** Hands the browser a file to save, without a round trip to the server. */
export function saveFile(fileName: string, text: string, contentType: string) {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken the data by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
