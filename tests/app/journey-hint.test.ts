// A journey file on the Data step is named as one, with where it belongs. Real files through
// the Data step's parser: PathData.csv (ChannelAttribution paths) is flagged, an event log is
// flagged, the MMM datasets are not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journeyFileHints, journeyLayout } from '../../src/app/data/journey-hint';
import { parseFiles } from '../../src/data';

const SHARED = path.resolve(__dirname, '../../../shared/data');
const read = (rel: string) => ({ name: path.basename(rel), text: readFileSync(path.join(SHARED, rel), 'utf8') });

describe('journey files on the Data step', () => {
  it("PathData.csv is a path file: one error naming the file and the Attribution area", () => {
    const hints = journeyFileHints(parseFiles([read('mta/PathData.csv')]));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ file: 'PathData.csv', severity: 'error' });
    expect(hints[0].message).toMatch(/customer journeys as paths/);
    expect(hints[0].hint).toMatch(/Attribution area/);
  });

  it('an event log is an events file', () => {
    const text = 'user_id,timestamp,channel,conversion,value\nu1,2024-03-01T09:30:00Z,search,0,0\nu1,2024-03-02T10:00:00Z,email,1,12.5\n';
    expect(journeyFileHints(parseFiles([{ name: 'events.csv', text }]))[0].message).toMatch(/as events/);
    expect(journeyLayout(['User_ID', ' Timestamp', 'Channel', 'Converted'])).toBe('events');
  });

  it('MMM data is not flagged', () => {
    for (const f of ['pymc-marketing/mmm_example.csv', 'robyn/dt_simulated_weekly.csv', 'meridian/national_media.csv']) {
      expect(journeyFileHints(parseFiles([read(f)])), f).toEqual([]);
    }
    expect(journeyFileHints(null)).toEqual([]);
  });
});
