package dev.threadlab.dashboard.load;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts the load panel's runs and tells where the last one is.
 */
@RestController
class LoadController {

	private final LoadSession session;

	LoadController(LoadSession session) {
		this.session = session;
	}

	@PostMapping("/api/load")
	ResponseEntity<LoadState> start(@RequestBody LoadForm form) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.session.start(form));
	}

	@GetMapping("/api/load")
	ResponseEntity<LoadState> current() {
		LoadState state = this.session.current();
		return (state != null) ? ResponseEntity.ok(state) : ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail busy(LoadBusyException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
