export default function AdminPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Admin</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
