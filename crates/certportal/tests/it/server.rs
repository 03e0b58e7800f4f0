//! The portal as it runs: a real server on a loopback port 0, with its background
//! workers, delivering e-mail to the `.eml` folder and shutting down gracefully.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

crate::on_both_backends!(
    serves_on_port_0_delivers_mail_and_stops_gracefully,
    metrics_listener_serves_metrics_without_a_token,
);

/// A plain HTTP/1.1 GET; returns the whole response as text.
async fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

async fn serves_on_port_0_delivers_mail_and_stops_gracefully(app: crate::harness::TestApp) {
    // The same database and folders, now with the workers on.
    let mut config = (*app.state.config).clone();
    config.run_workers = true;
    let state = web::AppState::new(web::StateParts {
        config: std::sync::Arc::new(config),
        ..app.state.parts()
    });
    let mail_dir = state.config.mail_dir();
    // A mail queued by any change goes out through the worker.
    state
        .db
        .run(|c| {
            store::models::outbox::Mail::enqueue(
                c,
                "ada@example.se",
                "Hej",
                "Brödtext med å, ä och ö.",
            )
        })
        .await
        .unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(web::serve(state.clone(), listener, async {
        let _ = stopped.await;
    }));

    let health = http_get(addr, "/healthz").await;
    assert!(
        health.starts_with("HTTP/1.1 200") && health.ends_with("ok"),
        "{health}"
    );
    let page = http_get(addr, "/login").await;
    assert!(
        page.contains("Logga in") && page.contains("content-security-policy"),
        "{page}"
    );

    // The worker writes the mail as an .eml file and marks it sent.
    let mut eml = None;
    for _ in 0..50 {
        if let Some(entry) = std::fs::read_dir(&mail_dir).ok().and_then(|mut d| d.next()) {
            eml = Some(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let eml = eml.expect("an .eml file in the mail folder");
    assert!(
        eml.contains("To: ada@example.se") && eml.contains("Subject: Hej"),
        "{eml}"
    );
    for _ in 0..50 {
        if state
            .db
            .run(store::models::outbox::Mail::pending_count)
            .await
            .unwrap()
            == 0
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        state
            .db
            .run(store::models::outbox::Mail::pending_count)
            .await
            .unwrap(),
        0
    );

    // Shutdown: the server and its workers stop on their own.
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("stops within 10 s")
        .unwrap()
        .unwrap();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no longer listening"
    );
}

/// `CERTPORTAL_METRICS_BIND`: a second listener serves `/metrics` (and nothing else)
/// without a token, while the public port still refuses it without one.
async fn metrics_listener_serves_metrics_without_a_token(app: crate::harness::TestApp) {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let metrics_addr = free.local_addr().unwrap();
    drop(free);
    let mut config = (*app.state.config).clone();
    config.metrics_bind = Some(metrics_addr);
    let state = web::AppState::new(web::StateParts {
        config: std::sync::Arc::new(config),
        ..app.state.parts()
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(web::serve(state, listener, async {
        let _ = stopped.await;
    }));
    let mut private = String::new();
    for _ in 0..50 {
        if tokio::net::TcpStream::connect(metrics_addr).await.is_ok() {
            private = http_get(metrics_addr, "/metrics").await;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        private.starts_with("HTTP/1.1 200") && private.contains("certportal_outbox_pending"),
        "{private}"
    );
    let other = http_get(metrics_addr, "/login").await;
    assert!(other.starts_with("HTTP/1.1 404"), "{other}");
    let public = http_get(addr, "/metrics").await;
    assert!(public.starts_with("HTTP/1.1 404"), "{public}");
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("stops")
        .unwrap()
        .unwrap();
}
