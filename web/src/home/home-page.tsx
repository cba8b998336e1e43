import { useEffect } from 'preact/hooks';
import type { WebConfig } from '../../../shared/contracts/web-config';
import type { ApiClient } from '../../../shared/contracts/api-client';
import { JobList } from '../jobs/job-list';
import { NewLecture } from '../upload/new-lecture';
import './home-page.css';

/** The signed-in start page (#/): a new lecture beside the list of earlier ones. */
export function HomePage({ api, config }: { api: ApiClient; config: WebConfig }) {
  useEffect(() => {
    document.title = 'Lecture Notes';
  }, []);
  return (
    <div class="page home">
      <div class="hero">
        <h1>Study notes from your lectures</h1>
        <p class="lede">
          Upload a recording or its captions, or record right here. You get a summary, the key terms and notes in sections you can jump to, each
          with its time in the lecture.
        </p>
      </div>
      <div class="home-grid">
        <NewLecture api={api} maxUploadBytes={config.maxUploadBytes} />
        <JobList api={api} />
      </div>
    </div>
  );
}
