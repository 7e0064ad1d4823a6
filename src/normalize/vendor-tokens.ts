// Vendor tokens known by their prefix, as data. Prefixes and shapes follow gitleaks' default rule set
// (MIT, github.com/gitleaks/gitleaks, config/gitleaks.toml), with lengths widened to a bounded range:
// a token cut short or padded in a log line is still a token. Each body is one bounded character
// class after a literal prefix, so the combined regex costs a small constant per input character.

export interface VendorToken {
  name: string;
  /** Regex source: a literal prefix, then a bounded body. */
  shape: string;
}

export const VENDOR_TOKENS: readonly VendorToken[] = [
  { name: 'Shopify token', shape: String.raw`shp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32,64}` },
  { name: 'Vault token', shape: String.raw`hv[sbr]\.[A-Za-z0-9_-]{24,400}` },
  { name: 'Docker personal access token', shape: String.raw`dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,128}` },
  { name: 'GitHub token', shape: String.raw`gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}` },
  { name: 'Slack token', shape: String.raw`xox[a-z]-[A-Za-z0-9-]{10,255}|xapp-[A-Za-z0-9-]{10,255}` },
  { name: 'Stripe key', shape: String.raw`[srp]k_(?:live|test|prod)_[0-9A-Za-z]{8,255}|whsec_[0-9A-Za-z]{16,255}` },
  { name: 'npm token', shape: String.raw`npm_[A-Za-z0-9]{36,255}` },
  { name: 'PyPI token', shape: String.raw`pypi-AgE[A-Za-z0-9_-]{20,1000}` },
  { name: 'GitLab token', shape: String.raw`gl(?:pat|dt|rt|ft|imt|soat|ffct|agent|oas|ptt)-[A-Za-z0-9_.-]{20,300}|glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,64}|GR1348941[A-Za-z0-9_-]{20,64}` },
  { name: 'SendGrid key', shape: String.raw`SG\.[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,128}` },
  { name: 'Sendinblue key', shape: String.raw`xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}` },
  { name: 'Twilio key or account id', shape: String.raw`(?:SK|AC)[0-9a-fA-F]{32}` },
  { name: 'Databricks token', shape: String.raw`dapi[a-f0-9]{32}(?:-[0-9])?` },
  { name: 'DigitalOcean token', shape: String.raw`do[opr]_v1_[a-f0-9]{64}` },
  { name: 'Linear key', shape: String.raw`lin_api_[A-Za-z0-9]{40}` },
  { name: 'Postman key', shape: String.raw`PMAK-[A-Fa-f0-9]{24}-[A-Fa-f0-9]{34}` },
  { name: 'Pulumi token', shape: String.raw`pul-[a-f0-9]{40}` },
  { name: 'Prefect token', shape: String.raw`pnu_[A-Za-z0-9]{36}` },
  { name: 'Doppler token', shape: String.raw`dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,64}` },
  { name: 'Dynatrace token', shape: String.raw`dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}` },
  { name: 'Grafana token', shape: String.raw`glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}` },
  { name: 'Age secret key', shape: String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}` },
  { name: 'Sentry token', shape: String.raw`sntry[us]_[A-Za-z0-9+/=_]{40,400}` },
  { name: 'Hugging Face token', shape: String.raw`api_org_[A-Za-z]{34}` },
  { name: 'Atlassian token', shape: String.raw`ATATT3[A-Za-z0-9_=-]{40,255}` },
  { name: 'Square token', shape: String.raw`sq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}` },
  { name: 'Notion token', shape: String.raw`ntn_[0-9]{11}[A-Za-z0-9]{35}` },
  { name: 'Perplexity key', shape: String.raw`pplx-[A-Za-z0-9]{48}` },
  { name: 'PlanetScale token', shape: String.raw`pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}` },
  { name: 'RubyGems key', shape: String.raw`rubygems_[a-f0-9]{48}` },
  { name: 'Artifactory key', shape: String.raw`AKCp[A-Za-z0-9]{69}` },
  { name: 'Alibaba access key id', shape: String.raw`LTAI[A-Za-z0-9]{20}` },
  { name: 'Adobe client secret', shape: String.raw`p8e-[A-Za-z0-9]{32}` },
  { name: 'Heroku key', shape: String.raw`HRKU-AA[0-9A-Za-z_-]{58}` },
  { name: 'Facebook page token', shape: String.raw`EAA[MC][A-Za-z0-9]{100,400}` },
  { name: 'EasyPost key', shape: String.raw`EZ[AT]K[A-Za-z0-9]{54}` },
  { name: 'Shippo key', shape: String.raw`shippo_(?:live|test)_[a-fA-F0-9]{40}` },
  { name: 'Duffel key', shape: String.raw`duffel_(?:test|live)_[A-Za-z0-9_=-]{43}` },
  { name: 'Flutterwave key', shape: String.raw`FLW(?:SECK|PUBK)_TEST-[A-Za-z0-9]{12,32}(?:-X)?` },
  { name: 'Frame.io token', shape: String.raw`fio-u-[A-Za-z0-9_=-]{64}` },
  { name: 'Fly.io token', shape: String.raw`fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,1000}={0,3}` },
  { name: 'Readme key', shape: String.raw`rdme_[a-z0-9]{70}` },
  { name: 'Scalingo token', shape: String.raw`tk-us-[A-Za-z0-9_-]{48}` },
  { name: 'Infracost token', shape: String.raw`ico-[A-Za-z0-9]{32}` },
  { name: 'Clojars token', shape: String.raw`CLOJARS_[A-Za-z0-9]{60}` },
  { name: 'Sourcegraph token', shape: String.raw`sgp_(?:[A-Fa-f0-9]{16}_)?[A-Fa-f0-9]{40}` },
  { name: 'Settlemint token', shape: String.raw`sm_[aps]at_[A-Za-z0-9]{16}` },
  { name: '1Password token', shape: String.raw`ops_eyJ[A-Za-z0-9+/]{100,2000}={0,3}` },
  { name: 'OpenShift token', shape: String.raw`sha256~[A-Za-z0-9_-]{43}` },
  { name: 'Azure AD client secret', shape: String.raw`[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}` },
];

/** One regex for every vendor token: not glued to a preceding word character. */
export const VENDOR_TOKEN_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_])(?:${VENDOR_TOKENS.map((token) => token.shape).join('|')})`,
  'g',
);
