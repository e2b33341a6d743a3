export default function IntegrationDetailPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">IntegrationDetail</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
