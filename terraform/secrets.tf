# The secret only. Its value (the App's private key) never passes through Terraform or its state:
#   gcloud secrets versions add log-gardener-github-app-key --data-file=app.private-key.pem
resource "google_secret_manager_secret" "github_app_key" {
  project   = var.project_id
  secret_id = var.github_app_key_secret_id
  labels    = var.labels

  replication {
    auto {}
  }

  depends_on = [google_project_service.required]
}
