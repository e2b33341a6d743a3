export default function IntegrationsPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Integrations</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
