output "function_uri" {
  description = "HTTPS endpoint of the function (call it with an identity token)."
  value       = google_cloudfunctions2_function.gardener.service_config[0].uri
}

output "function_name" {
  description = "Name of the function and of its Cloud Run service."
  value       = google_cloudfunctions2_function.gardener.name
}

output "runtime_service_account" {
  description = "Email of the identity the function runs as."
  value       = google_service_account.runtime.email
}

output "scheduler_service_account" {
  description = "Email of the identity Cloud Scheduler invokes the function with."
  value       = google_service_account.scheduler.email
}

output "scheduler_job" {
  description = "Name of the Cloud Scheduler job (pause it with `gcloud scheduler jobs pause`)."
  value       = google_cloud_scheduler_job.sweep.name
}

output "github_app_key_secret" {
  description = "Secret to add the App's private key to (`gcloud secrets versions add`)."
  value       = google_secret_manager_secret.github_app_key.secret_id
}

output "source_object" {
  description = "Bundle object the function was built from (named by content hash)."
  value       = "gs://${google_storage_bucket.source.name}/${google_storage_bucket_object.bundle.name}"
}

output "gardener_logs_filter" {
  description = "Cloud Logging filter for the gardener's own logs."
  value       = "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${google_cloudfunctions2_function.gardener.name}\""
}

output "ci_service_account" {
  description = "Email of the unprivileged identity to give the Cloud Build trigger on cloudbuild.yaml."
  value       = google_service_account.ci.email
}

output "artifacts_bucket" {
  description = "Bucket where the build stores each commit's bundle (_ARTIFACTS_BUCKET of both Cloud Build triggers)."
  value       = google_storage_bucket.artifacts.name
}

output "log_view" {
  description = "The log view the function reads through (LOGGING_VIEW); its runtime identity may read this view only."
  value       = local.log_view_name
}
