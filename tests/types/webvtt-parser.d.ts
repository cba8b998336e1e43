/** The part of W3C's webvtt.js (the WebVTT validator's parser) the export tests use; it ships no types. */
declare module 'webvtt-parser' {
  export interface WebVTTCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: WebVTTNode[] };
  }
  export interface WebVTTNode {
    type: 'text' | 'object';
    name?: string;
    value?: string;
    children?: WebVTTNode[];
  }
  export interface WebVTTParseError {
    message: string;
    line: number;
    col?: number;
  }
  export class WebVTTParser {
    /** Character references by name ("&lt;": "<"); html-entities.json in the package is the full table. */
    constructor(entities?: Record<string, string>);
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: WebVTTCue[]; errors: WebVTTParseError[]; time: number };
  }
}
