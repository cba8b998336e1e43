/** Hands the browser a file to save, without a round trip to the server. */
export function saveFile(fileName: string, data: BlobPart, contentType: string) {
  const url = URL.createObjectURL(new Blob([data], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken the data by then.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
