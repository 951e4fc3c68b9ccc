/** A repository's tree as one audit run downloaded it whole, within the snapshot limits. */
export interface DownloadedTree {
  etag: string;
  /** Its files, in the archive's order. */
  files: Record<string, Buffer>;
  bytes: number;
}

/**
 * What one audit run has learnt of repositories, so that the entities of one
 * repository (a monorepo's services) do not each cost what one read costs:
 * - per tree URL, the ETag its first read in the run answered with
 *   (undefined if it failed): an unchanged repository costs one conditional
 *   request per run, not one per entity; with GitHub, each is a request of
 *   the API's hourly allowance;
 * - per tree URL, the whole tree, downloaded once when a second entity of a
 *   changed repository needs its files (undefined when it did not fit the
 *   limits whole), so that its other entities download nothing. Trees are
 *   kept up to `budget` bytes in all, the oldest dropped first.
 * Promises: entities of one repository are often read at the same time.
 */
export class SourceRun {
  readonly revisions = new Map<string, Promise<string | undefined>>();
  readonly #trees = new Map<string, Promise<DownloadedTree | undefined>>();
  readonly #sizes = new Map<string, number>();
  #bytes = 0;

  constructor(private readonly budget: number) {}

  /** The repository's whole tree, downloaded by `download` unless this run has it. */
  tree(rootUrl: string, download: () => Promise<DownloadedTree | undefined>): Promise<DownloadedTree | undefined> {
    let tree = this.#trees.get(rootUrl);
    if (!tree) {
      tree = download().catch(() => undefined);
      this.#trees.set(rootUrl, tree);
      void tree.then(t => this.#keep(rootUrl, t?.bytes ?? 0));
    }
    return tree;
  }

  #keep(rootUrl: string, bytes: number): void {
    this.#sizes.set(rootUrl, bytes);
    this.#bytes += bytes;
    for (const [url, size] of this.#sizes) {
      if (this.#bytes <= this.budget || url === rootUrl) break;
      this.#sizes.delete(url);
      this.#trees.delete(url);
      this.#bytes -= size;
    }
  }
}
