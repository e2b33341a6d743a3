/** A page that is not built yet: says so plainly rather than showing an empty table. */
export function placeholder(title: string) {
  function PlaceholderPage() {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{title}</h1>
        <p>This page is not built yet.</p>
      </section>
    );
  }
  return PlaceholderPage;
}
