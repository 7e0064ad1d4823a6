# The function ships the package as built by `npm run build` (dist/src), with its manifest, lock file
# and shipped config; sources, tests and tooling stay out.
locals {
  source_root = var.source_root != "" ? var.source_root : "${path.module}/.."
}

data "archive_file" "bundle" {
  type        = "zip"
  source_dir  = local.source_root
  output_path = "${path.module}/.build/log-gardener.zip"
  excludes = [
    ".git/**", ".ci/**", ".github/**", "node_modules/**", "coverage/**",
    "terraform/**", "src/**", "test/**", "bench/**", "examples/**",
    "dist/test/**", "dist/bench/**", "**/*.map", "*.md", "**/.DS_Store",
  ]
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = "${var.project_id}-${var.function_name}-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true
  labels                      = var.labels

  depends_on = [google_project_service.required]
}

# Named by content hash: new code means a new object name, which makes the function redeploy.
# (A fixed name would leave the old code running.)
resource "google_storage_bucket_object" "bundle" {
  bucket = google_storage_bucket.source.name
  name   = "log-gardener-${data.archive_file.bundle.output_sha256}.zip"
  source = data.archive_file.bundle.output_path
}
