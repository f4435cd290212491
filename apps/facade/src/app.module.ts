import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { CachedAnswerHandler } from './http/cached-answer.handler';
import { CsvColumns } from './http/csv-columns';
import { RenderedAnswers } from './http/rendered-answers';
import type { FacadeConfig } from './config/facade-config';
import { FacadeConfigModule } from './config/facade-config.module';
import { HealthModule } from './health/health.module';
import { KnownQueryInterceptor } from './http/known-query.interceptor';
import { ServedInterceptor } from './http/served.interceptor';
import { LOG_DESTINATION, LogDestination, LogFlusher } from './logging/log-destination';
import { loggerOptions } from './logging/logger-options';
import { MetricsModule } from './metrics/metrics.module';
import { StaffModule } from './staff/staff.module';
import { StaffAssignmentsModule } from './staff-assignments/staff-assignments.module';
import { LabelCategoriesModule } from './label-categories/label-categories.module';
import { LabelsModule } from './labels/labels.module';
import { LabelTreeModule } from './label-tree/label-tree.module';
import { AdGroupsModule } from './ad-groups/ad-groups.module';
import { CustomAttributesModule } from './custom-attributes/custom-attributes.module';
import { UpstreamDriftModule } from './upstream-drift/upstream-drift.module';
import { OperatorAccountsModule } from './operator-accounts/operator-accounts.module';
import { MethodRoutes } from './problem/method-routes';
import { validationProblem } from './problem/problem';
import { ProblemFilter } from './problem/problem.filter';
import { fieldErrors } from './problem/validation-errors';
import { UpstreamModule } from './upstream/upstream.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';

@Module({})
export class AppModule {
  static forRoot(config: FacadeConfig): DynamicModule {
    const destination = new LogDestination();
    return {
      module: AppModule,
      imports: [
        FacadeConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, destination)),
        AuthModule,
        RedisModule,
        MetricsModule,
        UpstreamModule,
        RateLimitModule,
        HealthModule,
        OperatorAccountsModule,
        StaffModule,
        StaffAssignmentsModule,
        LabelCategoriesModule,
        LabelsModule,
        LabelTreeModule,
        AdGroupsModule,
        CustomAttributesModule,
        UpstreamDriftModule,
      ],
      providers: [
        { provide: LOG_DESTINATION, useValue: destination },
        LogFlusher,
        MethodRoutes,
        RenderedAnswers,
        CsvColumns,
        CachedAnswerHandler,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: KnownQueryInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ServedInterceptor },
        {
          provide: APP_PIPE,
          useFactory: () =>
            new ValidationPipe({
              whitelist: true,
              forbidNonWhitelisted: true,
              transform: true,
              validationError: { target: false, value: false },
              exceptionFactory: (errors) => validationProblem(fieldErrors(errors)),
            }),
        },
      ],
      exports: [MethodRoutes, CachedAnswerHandler, CsvColumns],
    };
  }
}
