use super::*;
use crate::error::{Issue, PathSeg};
use crate::live::coverage::Variant;
use crate::live::Verdict;

fn v(level: Level, message: &str) -> Verdict {
    Verdict::new(level, message)
}

fn cell(message_type: &'static str, route: Destination, entry: Option<usize>, level: Level) -> Cell {
    Cell { message_type, route, entry, fallback: false, variants: vec![], level }
}

/// One finding of every kind and level.
fn report() -> LiveReport {
    let path = |k: &str| vec![PathSeg::Key(k.into())];
    let mut signin = cell("SignIn", Destination::Mainland, Some(0), Level::Ok);
    signin.variants =
        vec![Variant { locale: Some("en".into()), entry: 2 }, Variant { locale: None, entry: 3 }];
    let mut register = cell("Register", Destination::Mainland, Some(1), Level::Error);
    register.fallback = true;
    LiveReport {
        config: check::Report {
            errors: vec![Issue::new(path("region"), "must be a region")],
            warnings: vec![Issue::new(path("endpiont"), "is not an option")],
        },
        signs: vec![
            SignFinding {
                field: "signName",
                route: Destination::Mainland,
                verdict: v(Level::Error, "not found"),
            },
            SignFinding {
                field: "internationalSignName",
                route: Destination::International,
                verdict: v(Level::Warning, "odd"),
            },
        ],
        templates: vec![
            TemplateFinding {
                entry: 0,
                route: Destination::Mainland,
                name: Some("登录".into()),
                verdict: v(Level::Ok, "fine"),
            },
            TemplateFinding {
                entry: 1,
                route: Destination::Mainland,
                name: None,
                verdict: v(Level::Error, "in review"),
            },
        ],
        coverage: vec![
            signin,
            register,
            cell("SignIn", Destination::International, None, Level::Error),
            cell("Register", Destination::International, None, Level::Warning),
        ],
        packages: Some(PackageSummary {
            in_effect: 1,
            remaining: 5,
            last_expiry: None,
            verdict: v(Level::Warning, "5 left"),
        }),
        skipped_routes: vec![],
        reads: vec![],
        permission: None,
    }
}

#[test]
fn renders_every_section_in_order() {
    let expected = "\
Config
  error    region: must be a region
  warning  endpiont: is not an option
Signs
  error    signName (mainland): not found
  warning  internationalSignName (international): odd
Templates
  ok       templates[0] \"登录\" (mainland): fine
  error    templates[1] (mainland): in review
Coverage (templates[i] serving each message type)
                             mainland                             international
  SignIn                     [0] + en: [2], a locale: [3] ok      none (error)
  Register                   [1] via Generic error                none (warning)
Package
  warning  5 left
4 errors, 4 warnings: some messages will fail; fix the errors first.";
    assert_eq!(report().text(), expected);
}

#[test]
fn counts_findings_and_template_less_cells_once() {
    let r = report();
    // Each of config, signs, templates, packages, plus the cells no template serves; a cell
    // with a template repeats its template's finding and is not counted again.
    assert_eq!((r.errors(), r.warnings()), (4, 4));
    let mut no_cells = r.clone();
    no_cells.coverage.clear();
    assert_eq!((no_cells.errors(), no_cells.warnings()), (3, 3));
    let only_cells = LiveReport {
        coverage: vec![
            cell("SignIn", Destination::International, None, Level::Error),
            cell("Register", Destination::International, None, Level::Error),
            cell("Generic", Destination::International, Some(0), Level::Warning),
        ],
        ..LiveReport::default()
    };
    assert_eq!((only_cells.errors(), only_cells.warnings()), (2, 0));
}

#[test]
fn exit_codes_follow_check() {
    let clean = LiveReport::default();
    assert_eq!(clean.exit_code(), EXIT_OK);
    assert!(clean.text().ends_with("0 errors, 0 warnings: every configured message type will send."));
    assert!(clean.text().starts_with("Config\n  ok       nothing to report\n"));
    let mut config_error = LiveReport::default();
    config_error.config.errors.push(Issue::new(vec![], "config must be an object"));
    assert_eq!(config_error.exit_code(), EXIT_FAILS);
    let mut only_warnings = LiveReport::default();
    only_warnings.config.warnings.push(Issue::new(vec![], "odd"));
    assert_eq!(only_warnings.exit_code(), EXIT_OK);
    assert!(
        only_warnings.text().starts_with("Config\n  warning  odd\n0 errors, 1 warning:"),
        "{}",
        only_warnings.text()
    );
    assert!(!config_error.text().contains("nothing to report"));
    let mut unread = LiveReport::default();
    unread.reads.push(ReadProblem {
        action: "SmsPackagesStatistics",
        route: None,
        problem: "HTTP 502 instead of an answer".into(),
    });
    assert_eq!(unread.exit_code(), EXIT_UNCHECKED);
    assert!(unread
        .text()
        .ends_with("0 errors, 0 warnings: the account could not be fully checked (see above)."));
    let mut unknown = LiveReport::default();
    unknown.templates.push(TemplateFinding {
        entry: 0,
        route: Destination::Mainland,
        name: None,
        verdict: v(Level::Unknown, "?"),
    });
    assert_eq!(unknown.exit_code(), EXIT_UNCHECKED);
    unknown.signs.push(SignFinding {
        field: "signName",
        route: Destination::Mainland,
        verdict: v(Level::Error, "x"),
    });
    assert_eq!(unknown.exit_code(), EXIT_FAILS, "a known failure outranks what could not be checked");
}

#[test]
fn what_could_not_be_read_is_listed_once() {
    let mut r = LiveReport::default();
    r.signs.push(SignFinding {
        field: "signName",
        route: Destination::Mainland,
        verdict: v(Level::Unknown, "could not be checked: x"),
    });
    r.templates.push(TemplateFinding {
        entry: 0,
        route: Destination::International,
        name: None,
        verdict: v(Level::Unknown, "could not be checked: x"),
    });
    r.templates.push(TemplateFinding {
        entry: 1,
        route: Destination::Mainland,
        name: None,
        verdict: v(Level::Ok, "fine"),
    });
    r.coverage.push(cell("SignIn", Destination::Mainland, Some(0), Level::Unknown));
    r.reads.push(ReadProblem {
        action: "DescribeSmsSignList",
        route: Some(Destination::Mainland),
        problem: "no answer within 10 ms".into(),
    });
    let text = r.text();
    assert!(!text.contains("Signs\n") && !text.contains("Coverage"), "{text}");
    assert!(text.contains("Templates\n  ok       templates[1] (mainland): fine\nNot checked\n  unknown  DescribeSmsSignList (mainland): no answer within 10 ms\n"), "{text}");
    // Without a failed read, an unknown verdict (an undocumented state) is shown where it is.
    r.reads.clear();
    assert!(r.text().contains("Signs\n  unknown  signName (mainland): could not be checked: x"));
}

#[test]
fn routes_the_country_policy_rules_out_say_so() {
    let mut r = LiveReport {
        coverage: vec![
            cell("SignIn", Destination::Mainland, Some(0), Level::Ok),
            cell("SignIn", Destination::International, Some(0), Level::Ok),
        ],
        skipped_routes: vec![Destination::International],
        ..LiveReport::default()
    };
    assert!(
        r.text().contains(
            "\n  SignIn                     [0] ok                               not sent (country policy)\n"
        ),
        "{}",
        r.text()
    );
    r.skipped_routes = vec![Destination::Mainland];
    assert!(
        r.text().contains("\n  SignIn                     not sent (country policy)            [0] ok\n"),
        "{}",
        r.text()
    );
}
