//! What the core asks of its host, and nothing more: one HTTP exchange, a wait, the clock and
//! a random draw. `lib.rs` implements it over the JS host (fetch, setTimeout, Date.now,
//! crypto.getRandomValues); tests implement it with a scripted fake and a fake clock, so every
//! flow (send, retry, read, page, poll) runs on the host under test and under mutants.

use crate::http::{Exchange, HttpRequest};

// Only this crate implements and calls it, on one thread: no Send bounds to spell out.
#[allow(async_fn_in_trait)]
pub trait Host {
    /// One exchange: never follows a redirect, reads at most `http::MAX_RESPONSE_BYTES` of the
    /// body, and gives up after `request.timeout_ms` (headers and body together).
    async fn exchange(&self, request: &HttpRequest) -> Exchange;
    async fn sleep(&self, ms: f64);
    /// Milliseconds since the epoch.
    fn now_ms(&self) -> f64;
    /// A uniform draw from [0, 1); called only when a retry is actually scheduled.
    fn random(&self) -> f64;
}

#[cfg(test)]
pub mod testing {
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    /// Runs a future whose awaits the fake host resolves at once.
    pub fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("a fake host never leaves a future pending"),
        }
    }

    /// A host whose exchanges are scripted: each takes `ms` on the fake clock and ends with
    /// its answer, or with `Timeout` if that is longer than the request's own timeout, as the
    /// shim's abort signal would. Records every request and every wait.
    pub struct FakeHost {
        clock: Cell<f64>,
        script: RefCell<VecDeque<(f64, Exchange)>>,
        pub requests: RefCell<Vec<HttpRequest>>,
        pub sleeps: RefCell<Vec<f64>>,
        pub draws: Cell<u32>,
        random: f64,
    }

    impl FakeHost {
        pub fn new(start_ms: f64, script: Vec<(f64, Exchange)>) -> Self {
            Self {
                clock: Cell::new(start_ms),
                script: RefCell::new(script.into()),
                requests: RefCell::default(),
                sleeps: RefCell::default(),
                draws: Cell::new(0),
                random: 0.5,
            }
        }

        pub fn with_random(self, random: f64) -> Self {
            Self { random, ..self }
        }

        pub fn answer(status: u16, body: &str) -> Exchange {
            Exchange::Response { status, body: body.as_bytes().to_vec(), truncated: false }
        }

        pub fn network(reason: &str) -> Exchange {
            Exchange::Network { reason: reason.to_owned() }
        }
    }

    impl Host for FakeHost {
        async fn exchange(&self, request: &HttpRequest) -> Exchange {
            self.requests.borrow_mut().push(request.clone());
            let (ms, answer) =
                self.script.borrow_mut().pop_front().unwrap_or((0.0, Self::network("script ran out")));
            let limit = f64::from(request.timeout_ms);
            if ms > limit {
                self.clock.set(self.clock.get() + limit);
                return Exchange::Timeout { after_ms: request.timeout_ms };
            }
            self.clock.set(self.clock.get() + ms);
            answer
        }

        async fn sleep(&self, ms: f64) {
            self.sleeps.borrow_mut().push(ms);
            self.clock.set(self.clock.get() + ms.max(0.0));
        }

        fn now_ms(&self) -> f64 {
            self.clock.get()
        }

        fn random(&self) -> f64 {
            self.draws.set(self.draws.get() + 1);
            self.random
        }
    }
}
