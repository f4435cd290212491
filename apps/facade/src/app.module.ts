import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AdGroupsModule } from './ad-groups/ad-groups.module';
import type { FacadeConfig } from './config/facade-config';
import { FacadeConfigModule } from './config/facade-config.module';
import { ApiDocument } from './docs/api-document';
import { ChangesModule } from './changes/changes.module';
import { CustomAttributesModule } from './custom-attributes/custom-attributes.module';
import { HealthModule } from './health/health.module';
import { RenderedAnswers } from './answers/rendered-answers';
import { RenderInterceptor } from './answers/render.interceptor';
import { CsvColumns } from './answers/csv-columns';
import { KnownQueryInterceptor } from './request/known-query.interceptor';
import { LabelCategoriesModule } from './label-categories/label-categories.module';
import { LabelTreeModule } from './label-tree/label-tree.module';
import { LabelsModule } from './labels/labels.module';
import { LOG_DESTINATION, LogDestination, LogFlusher } from './logging/log-destination';
import { loggerOptions } from './logging/logger-options';
import { AccessLog } from './logging/access-log';
import { MetricsModule } from './metrics/metrics.module';
import { OperatorAccountsModule } from './operator-accounts/operator-accounts.module';
import { MethodRoutes } from './routing/method-routes';
import { validationProblem } from './problem/problem';
import { ProblemFilter } from './problem/problem.filter';
import { fieldErrors } from './problem/validation-errors';
import { StaffAssignmentsModule } from './staff-assignments/staff-assignments.module';
import { StaffModule } from './staff/staff.module';
import { UpstreamDriftModule } from './upstream-drift/upstream-drift.module';
import { UpstreamModule } from './upstream/upstream.module';

@Module({})
export class AppModule {
  static forRoot(config: FacadeConfig): DynamicModule {
    const destination = new LogDestination();
    return {
      module: AppModule,
      imports: [
        FacadeConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, destination)),
        AccessModule,
        MetricsModule,
        UpstreamModule,
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
        ChangesModule,
      ],
      providers: [
        { provide: LOG_DESTINATION, useValue: destination },
        LogFlusher,
        AccessLog,
        ApiDocument,
        MethodRoutes,
        RenderedAnswers,
        CsvColumns,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: KnownQueryInterceptor },
        { provide: APP_INTERCEPTOR, useClass: RenderInterceptor },
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
    };
  }
}
