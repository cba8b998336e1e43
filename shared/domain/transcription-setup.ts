/** What to set for audio to be transcribed, said the same wherever audio is refused for want of a provider. */
export const TRANSCRIPTION_SETUP_HINT =
  'set ASSEMBLYAI_API_KEY, or TRANSCRIPTION_PROVIDER=openai with TRANSCRIPTION_BASE_URL (a self-hosted Whisper server) or TRANSCRIPTION_API_KEY';
