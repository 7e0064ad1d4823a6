// A record whose head was lost may open with a line the whole records hold under their first line:
// Jackson's ` at [Source: …] (through reference chain: Type["field"])` under its exception line
// (FasterXML/jackson-dataformats-text#205, dropwizard/dropwizard#322). A piece's first line is read as a
// message is (a list's values set aside); the whole records' lines are read that way too when the lines
// as they are place the piece nowhere, so the piece joins the record it was cut from.
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const T0 = Date.UTC(2026, 11, 4, 10);
const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: T0, severity: 'ERROR', service: 'catalog', revision: 'catalog-001', kind: 'stack', text, ...over,
});

const location = (field: string, column: number) =>
  ` at [Source: (StringReader); line: 3, column: ${column}] (through reference chain: com.acme.catalog.Release["artifacts"]->java.util.ArrayList[0]->com.acme.catalog.Artifact["${field}"])`;
const FRAMES = [
  '\tat com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.from(UnrecognizedPropertyException.java:61)',
  '\tat com.fasterxml.jackson.databind.DeserializationContext.handleUnknownProperty(DeserializationContext.java:855)',
  '\tat com.acme.catalog.ImportHandler.handle(ImportHandler.java:52)',
];
const whole = (field: string, column: number) => [
  'Product import rejected',
  `com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "${field}" (class com.acme.catalog.Artifact), not marked as ignorable (3 known properties: "version", "jiraProject", "name"])`,
  location(field, column),
  ...FRAMES,
].join('\n');

describe('a piece that opens with a line the whole records hold under their first', () => {
  it('joins their cluster', () => {
    const c = createClassifier();
    for (const [i, field] of ['jira-project', 'colour', 'weight'].entries()) c.add(entry(whole(field, 60 + i), { time: T0 + i }));
    const wholeId = c.clusters()[0]!.id;
    const piece = c.add(entry([location('colour', 12), ...FRAMES].join('\n'), { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.resolve(piece).id).toBe(wholeId);
    expect(c.clusters()).toHaveLength(1);
  });
});
